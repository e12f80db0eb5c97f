using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Events;

/// <summary>
/// The event and domain filters of one account, read once so that a batch of its events is decided without
/// further queries; <see cref="FilterRules"/> holds the rules.
/// </summary>
public sealed record AccountFilters(IReadOnlyList<EventFilter> Events, IReadOnlyList<DomainFilter> Domains)
{
    public static async Task<AccountFilters> LoadAsync(GatehouseDbContext db, string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = await db.EventFilters.AsNoTracking().Where(f => f.TenantId == tenantId).ToListAsync(ct);
        var domains = await db.DomainFilters.AsNoTracking().Where(f => f.TenantId == tenantId).ToListAsync(ct);
        return new AccountFilters(events, domains);
    }

    /// <summary>Whether an event of the pixel, with this name and sent from this site, is published.</summary>
    public bool IsPublished(string pixelId, string eventName, string site) =>
        FilterRules.IsPublished(Events, Domains, pixelId, eventName, site);
}
