using Gatehouse.Data;
using Gatehouse.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Users;

/// <summary>
/// The batched lookups behind the cyclic part of the schema (accounts' users, users' roles and accounts).
/// Scoped to one request. Results are not filtered by caller: resolvers apply <c>AccessPolicy</c>.
/// </summary>
public sealed class UserLoaders
{
    public UserLoaders(GatehouseDbContext db)
    {
        // An account's users come with all their roles and those roles' accounts in one query, which also
        // answers the users' roles and accounts below them without further queries.
        UsersByTenant = new(
            async (tenantIds, ct) =>
            {
                var users = await db.Users.AsNoTracking()
                    .Where(u => u.Roles.Any(r => r.TenantId != null && tenantIds.Contains(r.TenantId)))
                    .Include(u => u.Roles).ThenInclude(r => r.Tenant)
                    .ToListAsync(ct);
                foreach (var user in users)
                {
                    RolesByUser!.Prime(user.Id, user.Roles);
                }

                return tenantIds.ToDictionary(id => id, id => users
                    .Where(u => u.Roles.Any(r => r.TenantId == id)).OrderBy(u => u.Email).ToList());
            },
            []);

        RolesByUser = new(
            async (userIds, ct) =>
            {
                var roles = await db.UserRoles.AsNoTracking()
                    .Where(r => userIds.Contains(r.UserId))
                    .Include(r => r.Tenant)
                    .ToListAsync(ct);
                return roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.ToList());
            },
            []);

        SoleAdminScopes = new(
            async (userIds, ct) =>
            {
                // A null account id is the host: the comparison below matches null to null, as C# does.
                var rows = await db.UserRoles.AsNoTracking()
                    .Where(r => userIds.Contains(r.UserId) && r.Action == RoleAction.Admin
                        && db.UserRoles.Count(other => other.TenantId == r.TenantId
                            && other.Action == RoleAction.Admin) == 1)
                    .Select(r => new { r.UserId, r.TenantId, Managed = r.Tenant == null || r.Tenant.CanPartnerManage })
                    .ToListAsync(ct);
                return rows.GroupBy(row => row.UserId).ToDictionary(
                    g => g.Key,
                    g => g.Select(row => new AdminScope(row.TenantId, row.Managed)).ToList());
            },
            []);
    }

    public BatchLoader<string, List<User>> UsersByTenant { get; }

    /// <summary>Each user's roles with their accounts: the source of both a user's roles and accounts.</summary>
    public BatchLoader<Guid, List<UserRole>> RolesByUser { get; }

    /// <summary>
    /// For each user, the accounts (and the host, as a null id) of which they are the only admin. Resolvers
    /// count only those the caller may see.
    /// </summary>
    public BatchLoader<Guid, List<AdminScope>> SoleAdminScopes { get; }
}

/// <summary>An account, or the host when <see cref="TenantId"/> is null, with whether the partner manages it.</summary>
public sealed record AdminScope(string? TenantId, bool CanPartnerManage);
