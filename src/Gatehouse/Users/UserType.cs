using Gatehouse.Access;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace Gatehouse.Users;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "A person who can sign in to the gateway's hub, for the host or for accounts.";

        Field<NonNullGraphType<StringGraphType>>("id")
            .Description("Unique identifier of the user (a UUID).")
            .Resolve(context => context.Source.Id.ToString());
        Field(u => u.Email).Description("Email address of the user, stored lower-cased.");
        Field<NonNullGraphType<IntGraphType>>("status")
            .Description("0 = Deactivated, 1 = Activated, 2 = Pending (invited, not signed up yet).")
            .Resolve(context => (int)context.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles")
            .Description("Roles held by the user, in the accounts the caller may see and at the host.")
            .Resolve(context => VisibleRoles(context));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TenantType>>>>("tenants")
            .Description("Accounts the user belongs to that the caller may see.")
            .Resolve(context => VisibleTenants(context));
        Field<NonNullGraphType<BooleanGraphType>>("isSelf")
            .Description("Whether this is the signed-in user. Always false when called with an API token.")
            .Resolve(_ => false);
        Field<NonNullGraphType<BooleanGraphType>>("canBeDeleted")
            .Description("False when the user is the only admin of an account, which must keep one.")
            .Resolve(context => CanBeDeleted(context));
        Field<StringGraphType>("defaultTenantId")
            .Description("The account the user lands in after signing in, among those the caller may see.")
            .Resolve(context => VisibleTenants(context).Then(tenants =>
                tenants.Any(t => t.Id == context.Source.DefaultTenantId)
                    ? context.Source.DefaultTenantId
                    : tenants.FirstOrDefault()?.Id));
        Field<StringGraphType>("userExpiry")
            .Description("Last day a temporary user may sign in, as yyyy-mm-dd; null for a permanent user.")
            .Resolve(context => context.Source.Expiry?.ToString("yyyy-MM-dd", null));
    }

    private static IDataLoaderResult<List<Role>> VisibleRoles(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        return context.GetService<UserLoaders>().RolesByUser.Load(context.Source.Id).Then(roles => roles
            .Where(r => r.Tenant is null || AccessPolicy.CanManageTenant(caller, r.Tenant.CanPartnerManage))
            .OrderBy(r => r.TenantId)
            .Select(r => new Role(r.Action, r.TenantId, r.Tenant?.Name))
            .ToList());
    }

    // Accounts closed to the caller do not count, so the answer reveals nothing about them.
    private static IDataLoaderResult<bool> CanBeDeleted(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        return context.GetService<UserLoaders>().SoleAdminAccountsManaged.Load(context.Source.Id)
            .Then(accounts => !accounts.Any(managed => AccessPolicy.CanManageTenant(caller, managed)));
    }

    private static IDataLoaderResult<List<Tenant>> VisibleTenants(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        return context.GetService<UserLoaders>().RolesByUser.Load(context.Source.Id).Then(roles => roles
            .Select(r => r.Tenant)
            .OfType<Tenant>()
            .Where(t => AccessPolicy.CanManageTenant(caller, t.CanPartnerManage))
            .OrderBy(t => t.Name)
            .ToList());
    }
}
