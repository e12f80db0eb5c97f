namespace Gatehouse.Hub;

/// <summary>The hub UI's sign-in, invitation and session settings (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>
    /// The address people use to reach this gateway, such as <c>https://gateway.example.com</c>. Invitation
    /// links start with it. When empty, links use the address of the request that created them, which is
    /// right unless a proxy rewrites the host; the operator CLI then falls back to the first of <c>Urls</c>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long an invitation link stays valid.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a session lasts without activity; each request renews it.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins in a row after which a user is locked out.</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a locked-out user must wait.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A PKCS#12 file whose certificate encrypts the data-protection keys stored in the database (the keys
    /// that sign session cookies and encrypt pixels' access tokens). Without it the keys are stored as they
    /// are, and anyone who can read the database could forge a hub session and decrypt the tokens.
    /// </summary>
    public string? KeyCertificatePath { get; set; }

    public string? KeyCertificatePassword { get; set; }

    /// <summary>The shortest password accepted.</summary>
    public int MinimumPasswordLength { get; set; } = 10;
}
