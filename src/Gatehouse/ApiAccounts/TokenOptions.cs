namespace Gatehouse.ApiAccounts;

/// <summary>Access tokens and the token endpoint (configuration section <c>Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>How long an access token is valid; Meta's gateway documents 10 hours.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>
    /// Failed token requests one client address may make within <see cref="FailureWindow"/> before the
    /// endpoint answers 429 to it, whatever it sends. This bounds how fast anyone can guess secrets.
    /// </summary>
    public int FailureLimit { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(5);
}
