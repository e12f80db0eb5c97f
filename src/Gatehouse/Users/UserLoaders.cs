using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Users;

/// <summary>
/// The batched lookups behind the cyclic part of the schema (accounts' users, users' roles and accounts).
/// Scoped to one request. Results are not filtered by caller: resolvers apply <c>AccessPolicy</c>.
/// </summary>
public sealed class UserLoaders(GatehouseDbContext db)
{
    public BatchLoader<string, List<User>> UsersByTenant { get; } = new(
        async (tenantIds, ct) =>
        {
            var rows = await db.UserRoles.AsNoTracking()
                .Where(r => r.TenantId != null && tenantIds.Contains(r.TenantId))
                .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { TenantId = r.TenantId!, User = u })
                .ToListAsync(ct);
            return rows.GroupBy(row => row.TenantId)
                .ToDictionary(g => g.Key, g => g.Select(row => row.User).OrderBy(u => u.Email).ToList());
        },
        []);

    public BatchLoader<Guid, List<RoleGrant>> RolesByUser { get; } = new(
        async (userIds, ct) =>
        {
            var rows = await db.UserRoles.AsNoTracking()
                .Where(r => userIds.Contains(r.UserId))
                .Select(r => new
                {
                    r.UserId,
                    r.TenantId,
                    r.Action,
                    TenantName = r.Tenant == null ? null : r.Tenant.Name,
                    TenantManaged = r.Tenant == null ? (bool?)null : r.Tenant.CanPartnerManage,
                })
                .ToListAsync(ct);
            return rows.GroupBy(row => row.UserId).ToDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.TenantId).Select(r =>
                    new RoleGrant(new Role(r.Action, r.TenantId, r.TenantName), r.TenantManaged)).ToList());
        },
        []);

    public BatchLoader<Guid, List<Tenant>> TenantsByUser { get; } = new(
        async (userIds, ct) =>
        {
            var rows = await db.UserRoles.AsNoTracking()
                .Where(r => r.TenantId != null && userIds.Contains(r.UserId))
                .Select(r => new { r.UserId, Tenant = r.Tenant! })
                .ToListAsync(ct);
            return rows.GroupBy(row => row.UserId)
                .ToDictionary(g => g.Key, g => g.Select(row => row.Tenant).OrderBy(t => t.Name).ToList());
        },
        []);

    /// <summary>
    /// For each user, whether each account of which they are the only admin is managed by the partner.
    /// Resolvers count only the accounts the caller may see.
    /// </summary>
    public BatchLoader<Guid, List<bool>> SoleAdminAccountsManaged { get; } = new(
        async (userIds, ct) =>
        {
            var rows = await db.UserRoles.AsNoTracking()
                .Where(r => userIds.Contains(r.UserId) && r.TenantId != null && r.Action == RoleAction.Admin
                    && db.UserRoles.Count(other => other.TenantId == r.TenantId
                        && other.Action == RoleAction.Admin) == 1)
                .Select(r => new { r.UserId, r.Tenant!.CanPartnerManage })
                .ToListAsync(ct);
            return rows.GroupBy(row => row.UserId)
                .ToDictionary(g => g.Key, g => g.Select(row => row.CanPartnerManage).ToList());
        },
        []);
}

/// <summary>
/// A role a user holds and whether the host may manage the account it belongs to (null for host roles).
/// </summary>
public sealed record RoleGrant(Role Role, bool? TenantManaged);
