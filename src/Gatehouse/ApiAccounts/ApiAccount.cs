namespace Gatehouse.ApiAccounts;

/// <summary>
/// A machine client of the control plane ("API account" in Meta's UI). It acts for the host.
/// Only a SHA-256 hash of its secret is stored.
/// </summary>
public sealed class ApiAccount
{
    public Guid Id { get; init; }

    /// <summary>The <c>client_id</c>: 1 to 20 letters or digits, unique.</summary>
    public required string Name { get; init; }

    public required byte[] SecretHash { get; init; }

    public DateTime CreatedAt { get; init; }
}
