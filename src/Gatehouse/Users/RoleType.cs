using GraphQL.Types;

namespace Gatehouse.Users;

public sealed class RoleType : ObjectGraphType<Role>
{
    public RoleType()
    {
        Name = "Role";
        Description =
            "A set of permissions. Host roles are named agency-ACTION; account roles advertiser-ACTION-ACCOUNTID.";

        Field(r => r.Name).Description("Full role name, for example advertiser-manage-wW58k7FQ or agency-admin.");
        Field(r => r.DisplayName).Description("The action part of the name: admin, manage or view.");
        Field(r => r.TenantName, nullable: true)
            .Description("Name of the account the role belongs to; null for host roles.");
    }
}
