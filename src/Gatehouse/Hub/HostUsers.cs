using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Hub;

/// <summary>
/// The host's users: everyone with an <c>agency-*</c> role. The API documents no list of them, so this is the
/// hub's own read; changes go through the documented user mutations.
/// </summary>
public sealed class HostUsers(GatehouseDbContext db)
{
    public async Task<List<HostUser>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanViewHostUsers(caller))
        {
            return [];
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => u.Roles.Any(r => r.TenantId == null))
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.Status,
                u.LastSignInAt,
                Role = u.Roles.First(r => r.TenantId == null).Action,
            })
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => new HostUser(u.Id, u.Email, u.Status, u.Role, u.LastSignInAt, u.Id == caller.Id))];
    }
}

public sealed record HostUser(
    Guid Id,
    string Email,
    UserStatus Status,
    RoleAction Role,
    DateTime? LastSignInAt,
    bool IsSelf)
{
    public string RoleName => new Role(Role, null, null).Name;
}
