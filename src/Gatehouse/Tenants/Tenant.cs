namespace Gatehouse.Tenants;

/// <summary>An advertiser account ("tenant" in the API) hosted on this gateway.</summary>
public sealed class Tenant
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public TenantStatus Status { get; set; }

    /// <summary>Whether the host (partner) and its API accounts may manage this account.</summary>
    public bool CanPartnerManage { get; set; }

    /// <summary>Whether events are enriched with advanced-matching data before publishing.</summary>
    public bool EventEnrichment { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}
