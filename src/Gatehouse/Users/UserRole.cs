using Gatehouse.Tenants;

namespace Gatehouse.Users;

/// <summary>
/// One role held by a user: a host role when <see cref="TenantId"/> is null, otherwise a role in that account.
/// A user holds at most one role per account and one host role.
/// </summary>
public sealed class UserRole
{
    public long Id { get; init; }

    public Guid UserId { get; init; }

    public string? TenantId { get; init; }

    public Tenant? Tenant { get; init; }

    public RoleAction Action { get; set; }
}
