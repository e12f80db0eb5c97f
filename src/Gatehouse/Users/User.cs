namespace Gatehouse.Users;

/// <summary>A person who can sign in to the hub, for the host or for one or more accounts.</summary>
public sealed class User
{
    public Guid Id { get; init; }

    /// <summary>Stored lower-cased, so that lookups ignore case as Meta's gateway does.</summary>
    public required string Email { get; init; }

    public UserStatus Status { get; set; }

    /// <summary>The last day a temporary user may sign in; null for a permanent user.</summary>
    public DateOnly? Expiry { get; set; }

    public string? DefaultTenantId { get; set; }

    public DateTime CreatedAt { get; init; }

    public List<UserRole> Roles { get; init; } = [];
}
