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

    /// <summary>A PBKDF2 hash in ASP.NET Core Identity's format; null until the user accepts an invitation.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>
    /// Changes whenever the password or the user's access changes; a session cookie carrying an older stamp
    /// is refused, so signing in elsewhere after a password change ends the old sessions.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    /// <summary>Failed sign-ins since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public List<UserRole> Roles { get; init; } = [];

    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}
