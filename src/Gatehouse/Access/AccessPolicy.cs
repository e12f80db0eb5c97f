using System.Linq.Expressions;
using Gatehouse.Tenants;
using Gatehouse.Users;

namespace Gatehouse.Access;

/// <summary>
/// The one place that decides what a caller may do. GraphQL resolvers and hub pages both ask here, so the
/// API and the UI cannot disagree. <c>docs/permissions.md</c> describes these rules as a table.
/// </summary>
public static class AccessPolicy
{
    /// <summary>
    /// The host-wide action of the caller. An API account acts for the host with the powers of a host admin;
    /// a hub user has the action of their <c>agency-*</c> role, if any.
    /// </summary>
    public static RoleAction? HostAction(Caller caller) =>
        caller.Kind == CallerKind.ApiAccount ? RoleAction.Admin : caller.HostRole;

    /// <summary>
    /// The strongest action the caller holds on an account: their own role in it, or their host action when
    /// the partner may manage it. An unmanaged account is closed to the host, even to its admins.
    /// </summary>
    public static RoleAction? ActionOn(Caller caller, string tenantId, bool canPartnerManage)
    {
        RoleAction? own = caller.AccountRoles.TryGetValue(tenantId, out var action) ? action : null;
        var host = canPartnerManage ? HostAction(caller) : null;
        return Strongest(own, host);
    }

    public static bool CanViewTenant(Caller caller, string tenantId, bool canPartnerManage) =>
        ActionOn(caller, tenantId, canPartnerManage) is not null;

    public static bool CanViewTenant(Caller caller, Tenant tenant) =>
        CanViewTenant(caller, tenant.Id, tenant.CanPartnerManage);

    /// <summary>
    /// The rule of <see cref="CanViewTenant(Caller, Tenant)"/> as a query filter, so that a list of accounts
    /// is read from the database already narrowed to what the caller may see.
    /// </summary>
    public static Expression<Func<Tenant, bool>> ViewableTenants(Caller caller)
    {
        var hostSeesManaged = HostAction(caller) is not null;
        var own = caller.AccountRoles.Keys.ToList();
        return tenant => (hostSeesManaged && tenant.CanPartnerManage) || own.Contains(tenant.Id);
    }

    /// <summary>Pixels, domains and filters: account admins and managers.</summary>
    public static bool CanEditTenantSettings(Caller caller, string tenantId, bool canPartnerManage) =>
        Allows(ActionOn(caller, tenantId, canPartnerManage), RoleAction.Manage);

    /// <summary>Rename, change status or management, delete, and manage users: account admins only.</summary>
    public static bool CanAdministerTenant(Caller caller, string tenantId, bool canPartnerManage) =>
        Allows(ActionOn(caller, tenantId, canPartnerManage), RoleAction.Admin);

    /// <summary>Create accounts: host admins and API accounts.</summary>
    public static bool CanCreateTenant(Caller caller) => HostAction(caller) == RoleAction.Admin;

    /// <summary>See the host's users: anyone with a host role, and API accounts.</summary>
    public static bool CanViewHostUsers(Caller caller) => HostAction(caller) is not null;

    /// <summary>Invite host users and change host roles: host admins and API accounts.</summary>
    public static bool CanManageHostUsers(Caller caller) => HostAction(caller) == RoleAction.Admin;

    /// <summary>
    /// List, add and delete API accounts in the hub: host admins who signed in. An API account cannot create
    /// other API accounts, so a leaked secret cannot mint new ones.
    /// </summary>
    public static bool CanManageApiAccounts(Caller caller) =>
        caller.Kind == CallerKind.User && caller.HostRole == RoleAction.Admin;

    /// <summary>
    /// The hub UI's flags (<c>canViewTenantInUI</c> and the others, <c>isSelf</c>, <c>canBeDeleted</c>)
    /// describe what a signed-in person may do in the UI, so they are false for every API caller.
    /// </summary>
    public static bool IsHubUser(Caller caller) => caller.Kind == CallerKind.User;

    /// <summary>Whether the caller may give or take away the role: admin of its account, or host admin.</summary>
    public static bool CanAssign(Caller caller, Role role, bool canPartnerManage) => role.TenantId is null
        ? CanManageHostUsers(caller)
        : CanAdministerTenant(caller, role.TenantId, canPartnerManage);

    /// <summary>Admin is the strongest action and view the weakest; the enum orders them that way.</summary>
    public static bool Allows(RoleAction? held, RoleAction needed) => held is { } action && action <= needed;

    private static RoleAction? Strongest(RoleAction? a, RoleAction? b) =>
        a is null ? b : b is null ? a : (RoleAction)Math.Min((int)a.Value, (int)b.Value);
}
