using GraphQL.Types;

namespace Gatehouse.Tenants;

public sealed class CreateTenantInput
{
    public string Name { get; set; } = "";

    public bool CanPartnerManage { get; set; }

    public string? AdminEmail { get; set; }

    public bool EventEnrichment { get; set; }
}

public sealed class UpdateTenantInput
{
    public string TenantId { get; set; } = "";

    public string? Name { get; set; }

    public int? Status { get; set; }

    public bool? CanPartnerManage { get; set; }
}

public sealed class CreateTenantInputType : InputObjectGraphType<CreateTenantInput>
{
    public CreateTenantInputType()
    {
        Name = "CreateTenantInput";
        Description = "A new account.";

        Field(i => i.Name).Description("Name of the account: 1 to 100 characters once trimmed.");
        Field(i => i.CanPartnerManage).Description("Whether the partner may manage this account.");
        Field(i => i.AdminEmail, nullable: true)
            .Description("Email of the account's admin, who is invited. Required when canPartnerManage is false.");
        Field(i => i.EventEnrichment).Description("Whether to enhance events with advanced matching data.");
    }
}

public sealed class UpdateTenantInputType : InputObjectGraphType<UpdateTenantInput>
{
    public UpdateTenantInputType()
    {
        Name = "UpdateTenantInput";
        Description = "Changes to an account. Fields left out or null stay as they are.";

        Field(i => i.TenantId).Description("Unique identifier of the account.");
        Field(i => i.Name, nullable: true).Description("New name of the account: 1 to 100 characters once trimmed.");
        Field(i => i.Status, nullable: true)
            .Description("New status: 0 = Active, 1 = Pending Configuration, 2 = Deactivated.");
        Field(i => i.CanPartnerManage, nullable: true).Description("Whether the partner may manage this account.");
    }
}
