using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Users;

/// <summary>
/// How the user mutations find the roles, users and accounts they name, each lookup answering as the
/// documentation asks when the caller may not see or change what it names.
/// </summary>
public sealed partial class UserMutations
{
    /// <summary>
    /// Reads a role name the caller wants to give. A malformed name, an unknown account and an account the
    /// caller cannot see are all "not found"; a visible account the caller may not administer is 401.
    /// </summary>
    private static async Task<(Role Role, Tenant? Tenant)> FindAssignableRoleAsync(
        IResolveFieldContext context,
        string field,
        string name,
        string action)
    {
        var caller = context.GetCaller();
        if (!Role.TryParse(name, out var role))
        {
            throw UserErrors.RoleNotFound(field, name);
        }

        var tenant = role.TenantId is null
            ? null
            : await context.GetService<GatehouseDbContext>().Tenants.AsNoTracking()
                .SingleOrDefaultAsync(t => t.Id == role.TenantId, context.CancellationToken);
        if (role.TenantId is not null
            && (tenant is null || !AccessPolicy.CanViewTenant(caller, tenant)))
        {
            throw UserErrors.RoleNotFound(field, name);
        }

        return AccessPolicy.CanAssign(caller, role, tenant?.CanPartnerManage ?? true)
            ? (role with { TenantName = tenant?.Name }, tenant)
            : throw UserErrors.NotAuthorized(action);
    }

    /// <summary>The user, tracked with their roles, if the caller can see any of their roles.</summary>
    private static async Task<User> FindVisibleUserAsync(IResolveFieldContext context, string userId)
    {
        var caller = context.GetCaller();
        var user = Guid.TryParse(userId, out var id)
            ? await context.GetService<GatehouseDbContext>().Users
                .Include(u => u.Roles).ThenInclude(r => r.Tenant)
                .SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken)
            : null;
        var visible = user?.Roles.Any(r => r.Tenant is null
            ? AccessPolicy.CanViewHostUsers(caller)
            : AccessPolicy.CanViewTenant(caller, r.Tenant)) == true;
        return visible ? user! : throw UserErrors.UserNotFound(userId);
    }

    private static UserRole FindHeldRole(IResolveFieldContext context, User user, string name)
    {
        if (!Role.TryParse(name, out var role))
        {
            throw UserErrors.RoleNotFound("input.roleToRevoke", name);
        }

        var held = user.Roles.SingleOrDefault(r => r.TenantId == role.TenantId && r.Action == role.Action);
        var caller = context.GetCaller();
        if (held is null || (held.Tenant is { } tenant && !AccessPolicy.CanViewTenant(caller, tenant)))
        {
            throw UserErrors.RoleNotHeld(name);
        }

        return AccessPolicy.CanAssign(caller, role, held.Tenant?.CanPartnerManage ?? true)
            ? held
            : throw UserErrors.NotAuthorized("take this role away");
    }
}
