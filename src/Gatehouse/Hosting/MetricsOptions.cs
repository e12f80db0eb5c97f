using System.Net;

namespace Gatehouse.Hosting;

/// <summary>Settings of the <c>Metrics</c> section: who may read <c>GET /metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <c>/metrics</c> at all. When false the path answers 404 like any unknown one.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// CIDR ranges (e.g. <c>10.0.0.0/8</c>) whose clients may scrape besides loopback. Metrics reveal how much
    /// traffic the gateway serves and how often sign-ins fail, so every other address gets 404. Behind a reverse
    /// proxy on the same host every request comes from loopback: do not route <c>/metrics</c> through it.
    /// </summary>
    public List<string> AllowedNetworks { get; } = [];

    /// <summary>
    /// Whether a client at <paramref name="address"/> may scrape. No address means the connection is not over
    /// IP (a Unix socket, or a test host in the same process), which only the machine itself can open.
    /// </summary>
    public static bool IsAllowed(IPAddress? address, IReadOnlyList<IPNetwork> networks)
    {
        if (address is null)
        {
            return true;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPAddress.IsLoopback(address) || networks.Any(network => network.Contains(address));
    }
}
