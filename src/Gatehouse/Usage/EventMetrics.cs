using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Usage;

/// <summary>The traffic of one event name in the window, over the pixels asked about.</summary>
public sealed record EventNameTraffic(string Name, long Received, long Published, long Failed, DateTime LastUpdated);

/// <summary>The traffic sent from one website in the window, over the pixels asked about.</summary>
public sealed record SiteTraffic(string Site, long Received, long Published);

/// <summary>
/// The event metrics of an account (<c>eventMetrics</c>): the traffic buckets of its pixels in a window, added
/// up in the database by event name and by site. Each part is read once, when a field first needs it, so a
/// request costs at most two queries whatever it selects.
/// </summary>
public sealed class EventMetrics(
    GatehouseDbContext db,
    string tenantId,
    IReadOnlyCollection<string>? pixelIds,
    DateTime windowStart)
{
    private Task<List<EventNameTraffic>>? _byName;
    private Task<List<SiteTraffic>>? _bySite;

    public string TenantId => tenantId;

    /// <summary>Event names with events received or published in the window, in ordinal order.</summary>
    public Task<List<EventNameTraffic>> ByNameAsync(CancellationToken ct) => _byName ??= LoadByNameAsync(ct);

    /// <summary>Sites (non-empty) with events received or published in the window, in ordinal order.</summary>
    public Task<List<SiteTraffic>> BySiteAsync(CancellationToken ct) => _bySite ??= LoadBySiteAsync(ct);

    private IQueryable<TrafficBucket> Buckets()
    {
        var buckets = db.TrafficBuckets.AsNoTracking().Where(b => b.TenantId == tenantId && b.Start >= windowStart);
        return pixelIds is null ? buckets : buckets.Where(b => pixelIds.Contains(b.PixelId));
    }

    private async Task<List<EventNameTraffic>> LoadByNameAsync(CancellationToken ct)
    {
        var rows = await Buckets()
            .GroupBy(b => b.EventName)
            .Select(g => new
            {
                Name = g.Key,
                Received = g.Sum(b => b.EventsReceived),
                Published = g.Sum(b => b.EventsPublished),
                Failed = g.Sum(b => b.PublishFailures),
                LastReceived = g.Max(b => b.LastReceivedAt),
                LastPublished = g.Max(b => b.LastPublishedAt),
                LastStart = g.Max(b => b.Start),
            })
            .Where(r => r.Received > 0 || r.Published > 0)
            .ToListAsync(ct);

        // Sorted here: PostgreSQL's collation would order names differently from SQLite's.
        return [.. rows
            .Select(r => new EventNameTraffic(r.Name, r.Received, r.Published, r.Failed,
                Latest(r.LastStart, r.LastReceived, r.LastPublished)))
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    private async Task<List<SiteTraffic>> LoadBySiteAsync(CancellationToken ct)
    {
        var rows = await Buckets()
            .Where(b => b.Site != "")
            .GroupBy(b => b.Site)
            .Select(g => new
            {
                Site = g.Key,
                Received = g.Sum(b => b.EventsReceived),
                Published = g.Sum(b => b.EventsPublished),
            })
            .Where(r => r.Received > 0 || r.Published > 0)
            .ToListAsync(ct);
        return [.. rows.Select(r => new SiteTraffic(r.Site, r.Received, r.Published))
            .OrderBy(r => r.Site, StringComparer.Ordinal)];
    }

    /// <summary>The last recorded receive or publish; the start of the last minute when none was recorded.</summary>
    private static DateTime Latest(DateTime start, DateTime? received, DateTime? published)
    {
        var latest = start;
        if (received > latest)
        {
            latest = received.Value;
        }

        return published > latest ? published.Value : latest;
    }
}
