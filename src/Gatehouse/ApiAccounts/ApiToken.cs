namespace Gatehouse.ApiAccounts;

/// <summary>
/// An issued access token. The token itself is never stored: its SHA-256 hash is the key, so a
/// copy of the database does not let anyone call the API.
/// </summary>
public sealed class ApiToken
{
    public required byte[] TokenHash { get; init; }

    public Guid ApiAccountId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }
}
