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
            .Resolve(context => IsSelf(context));
        Field<NonNullGraphType<BooleanGraphType>>("canBeDeleted")
            .Description("Whether the signed-in user may remove this user: false when the user is the only admin of "
                + "an account or of the host, which must keep one. Always false when called with an API token.")
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

    private static bool IsSelf(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        return AccessPolicy.IsHubUser(caller) && context.Source.Id == caller.Id;
    }

    private static IDataLoaderResult<List<Role>> VisibleRoles(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        return context.GetService<UserLoaders>().RolesByUser.Load(context.Source.Id).Then(roles => roles
            .Where(r => r.Tenant is null || AccessPolicy.CanViewTenant(caller, r.Tenant))
            .OrderBy(r => r.TenantId, StringComparer.Ordinal)
            .Select(r => new Role(r.Action, r.TenantId, r.Tenant?.Name))
            .ToList());
    }

    // A signed-in user may delete someone when they may take away every role of theirs that they can see, and
    // none of those leaves an account, or the host, without an admin. Accounts closed to the caller do not
    // count, so the answer reveals nothing about them.
    private static object CanBeDeleted(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        if (!AccessPolicy.IsHubUser(caller) || context.Source.Id == caller.Id)
        {
            return false;
        }

        var loaders = context.GetService<UserLoaders>();
        return loaders.RolesByUser.Load(context.Source.Id).Zip(
            loaders.SoleAdminScopes.Load(context.Source.Id),
            (roles, soleAdminOf) => roles
                .Where(r => r.Tenant is null || AccessPolicy.CanViewTenant(caller, r.Tenant))
                .All(r => AccessPolicy.CanAssign(caller, new Role(r.Action, r.TenantId, null),
                    r.Tenant?.CanPartnerManage ?? true))
                && !soleAdminOf.Any(scope => scope.TenantId is null
                    ? AccessPolicy.CanViewHostUsers(caller)
                    : AccessPolicy.CanViewTenant(caller, scope.TenantId, scope.CanPartnerManage)));
    }

    private static IDataLoaderResult<List<Tenant>> VisibleTenants(IResolveFieldContext<User> context)
    {
        var caller = context.GetCaller();
        return context.GetService<UserLoaders>().RolesByUser.Load(context.Source.Id).Then(roles => roles
            .Select(r => r.Tenant)
            .OfType<Tenant>()
            .Where(t => AccessPolicy.CanViewTenant(caller, t))
            .OrderBy(t => t.Name).ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList());
    }
}
