namespace Gatehouse.Routing;

/// <summary>Data routing: how ingress CNAME records are checked (configuration section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>How long after its last check an ingress is checked again in the background.</summary>
    public TimeSpan CnameCheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest one check may take, the whole CNAME chain included. A check that runs out of time counts
    /// as not verified; the client never sees an error for it.
    /// </summary>
    public TimeSpan CnameCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The most ingresses one instance checks in one background round, oldest check first.</summary>
    public int CnameChecksPerRound { get; set; } = 100;

    /// <summary>
    /// Name servers to ask, as <c>address</c> or <c>address:port</c>; when empty, the system's own name
    /// servers are asked.
    /// </summary>
    public List<string> NameServers { get; set; } = [];
}
