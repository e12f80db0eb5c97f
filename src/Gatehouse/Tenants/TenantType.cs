using Gatehouse.Access;
using Gatehouse.GraphQL;
using Gatehouse.Usage;
using Gatehouse.Users;
using GraphQL;
using GraphQL.Types;

namespace Gatehouse.Tenants;

public sealed class TenantType : ObjectGraphType<Tenant>
{
    public TenantType()
    {
        Name = "Tenant";
        Description = "An advertiser account (\"tenant\" is its legacy name) hosted on this gateway.";

        Field(t => t.Id).Description("Unique identifier of the account: eight letters and digits.");
        Field(t => t.Name).Description("Name of the account.");
        Field<NonNullGraphType<IntGraphType>>("status")
            .Description("0 = Active, 1 = Pending Configuration, 2 = Deactivated.")
            .Resolve(context => (int)context.Source.Status);
        Field(t => t.CanPartnerManage)
            .Description("Whether the partner (the host of this gateway) may manage this account.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserType>>>>("users")
            .Description("Users who hold a role in this account.")
            .Resolve(context => context.GetService<UserLoaders>().UsersByTenant.Load(context.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("availableRoles")
            .Description("Roles that can be given to users of this account.")
            .Resolve(context => Role.ForTenant(context.Source.Id, context.Source.Name));
        Field<NonNullGraphType<TenantUsageType>>("tenantUsage")
            .Description("Pixels, pipelines and traffic of this account.")
            .Resolve(context => context.GetService<UsageCalculator>().ByTenant.Load(context.Source.Id));
        Field<NonNullGraphType<BooleanGraphType>>("canEditTenantSettingsInUI")
            .Description(
                "Whether the signed-in user may change this account's settings in the hub. False for API callers.")
            .Resolve(context => InUi(context, AccessPolicy.CanEditTenantSettings));
        Field<NonNullGraphType<BooleanGraphType>>("canViewTenantInUI")
            .Description("Whether the signed-in user may see this account in the hub. False for API callers.")
            .Resolve(context => InUi(context, AccessPolicy.CanViewTenant));
        Field<NonNullGraphType<BooleanGraphType>>("canEditTenantUsersInUI")
            .Description(
                "Whether the signed-in user may manage this account's users in the hub. False for API callers.")
            .Resolve(context => InUi(context, AccessPolicy.CanAdministerTenant));
    }

    private static bool InUi(IResolveFieldContext<Tenant> context, Func<Caller, string, bool, bool> allows)
    {
        var caller = context.GetCaller();
        return AccessPolicy.IsHubUser(caller) && allows(caller, context.Source.Id, context.Source.CanPartnerManage);
    }
}
