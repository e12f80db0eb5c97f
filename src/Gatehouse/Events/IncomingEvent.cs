using Gatehouse.Usage;

namespace Gatehouse.Events;

/// <summary>
/// One event that passed the intake's checks: what it is counted under, and the Conversions API server event
/// to publish, as JSON with its user data already hashed.
/// </summary>
public sealed record IncomingEvent(string EventName, string Site, string Payload)
{
    /// <summary>The host of an absolute http(s) address in lower case, or empty when there is none that fits.</summary>
    public static string SiteOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.IdnHost.Length <= TrafficBucket.MaxSiteLength
            ? uri.IdnHost.ToLowerInvariant()
            : "";
}
