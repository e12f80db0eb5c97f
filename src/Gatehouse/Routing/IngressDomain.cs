namespace Gatehouse.Routing;

/// <summary>
/// An account's first-party subdomain (its ingress), which the advertiser points at the gateway with a
/// CNAME record, and the result of the last check of that record.
/// </summary>
public sealed class IngressDomain
{
    public const int MaxHostLength = 253;

    public required string TenantId { get; init; }

    /// <summary>The advertiser's subdomain, such as <c>capig.advertiser.com</c>.</summary>
    public required string Ingress { get; set; }

    /// <summary>The gateway's host name that the CNAME record must point at.</summary>
    public required string TargetDomain { get; set; }

    /// <summary>Whether the last check found the CNAME record pointing at <see cref="TargetDomain"/>.</summary>
    public bool CnameResolveSuccess { get; set; }

    /// <summary>When the CNAME record was last checked; null before the first check.</summary>
    public DateTime? CheckedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
