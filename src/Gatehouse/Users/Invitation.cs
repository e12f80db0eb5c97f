namespace Gatehouse.Users;

/// <summary>
/// A single-use invitation to set a password. Only the SHA-256 hash of its token is stored, so a copy of the
/// database cannot be used to sign up as someone else.
/// </summary>
public sealed class Invitation
{
    public required byte[] TokenHash { get; init; }

    public Guid UserId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }
}
