using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Pixels;

/// <summary>What the API shows of one pixel: its switches, its token's state, its traffic and its websites.</summary>
public sealed record PixelConnection(
    string PixelId,
    string? Name,
    bool IsActive,
    bool IsPublishing,
    bool HasAccessToken,
    string? ApiErrorCode,
    bool BadToken,
    PixelTraffic Traffic);

/// <summary>
/// A pixel's traffic: totals of the time window, the last times ever (Unix milliseconds, 0 when never) and the
/// websites its events came from in the window.
/// </summary>
public sealed record PixelTraffic(
    double Received,
    double Published,
    double LastReceived,
    double LastPublished,
    IReadOnlyList<string> Domains)
{
    public static readonly PixelTraffic None = new(0, 0, 0, 0, []);
}

/// <summary>Reads pixels with their traffic from the per-minute traffic buckets: five queries for any number.</summary>
public static class PixelConnections
{
    /// <summary>The documented default of <c>timeWindowMin</c>.</summary>
    public const int DefaultWindowMinutes = 60;

    /// <summary>Thirty days: the longest window the traffic buckets are meant to answer.</summary>
    public const int MaxWindowMinutes = 43200;

    /// <summary>The <c>timeWindowMin</c> argument, 60 when missing; 400 outside 1 to 43200.</summary>
    public static int WindowMinutes(int? argument)
    {
        var minutes = argument ?? DefaultWindowMinutes;
        return minutes is < 1 or > MaxWindowMinutes ? throw PixelErrors.TimeWindowInvalid(minutes) : minutes;
    }

    public static async Task<List<PixelConnection>> ListAsync(
        GatehouseDbContext db,
        string tenantId,
        string? pixelId,
        DateTime now,
        int windowMinutes,
        CancellationToken ct)
    {
        var pixels = await db.Pixels.AsNoTracking()
            .Where(p => p.TenantId == tenantId && (pixelId == null || p.Id == pixelId))
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IsActive,
                p.IsPublishing,
                HasToken = p.ProtectedAccessToken != null,
                p.ApiErrorCode,
                p.BadToken,
            })
            .ToListAsync(ct);
        var traffic = await TrafficAsync(db, tenantId, pixelId, now.AddMinutes(-windowMinutes), ct);

        return [.. pixels.Select(p => new PixelConnection(
            p.Id,
            p.Name,
            p.IsActive,
            p.IsPublishing,
            p.HasToken,
            p.ApiErrorCode,
            p.BadToken,
            traffic.GetValueOrDefault(p.Id, PixelTraffic.None)))];
    }

    private static async Task<Dictionary<string, PixelTraffic>> TrafficAsync(
        GatehouseDbContext db,
        string tenantId,
        string? pixelId,
        DateTime windowStart,
        CancellationToken ct)
    {
        var buckets = db.TrafficBuckets.AsNoTracking()
            .Where(b => b.TenantId == tenantId && (pixelId == null || b.PixelId == pixelId));
        var totals = await buckets.Where(b => b.Start >= windowStart)
            .GroupBy(b => b.PixelId)
            .Select(g => new
            {
                PixelId = g.Key,
                Received = g.Sum(b => b.EventsReceived),
                Published = g.Sum(b => b.EventsPublished),
            })
            .ToDictionaryAsync(r => r.PixelId, ct);
        var received = await buckets.Where(b => b.EventsReceived > 0)
            .GroupBy(b => b.PixelId)
            .Select(g => new LastTimes(g.Key, g.Max(b => b.LastReceivedAt), g.Max(b => b.Start)))
            .ToDictionaryAsync(l => l.PixelId, l => l.EpochMilliseconds, ct);
        var published = await buckets.Where(b => b.EventsPublished > 0)
            .GroupBy(b => b.PixelId)
            .Select(g => new LastTimes(g.Key, g.Max(b => b.LastPublishedAt), g.Max(b => b.Start)))
            .ToDictionaryAsync(l => l.PixelId, l => l.EpochMilliseconds, ct);
        var sites = await buckets.Where(b => b.Start >= windowStart && b.Site != "")
            .Select(b => new { b.PixelId, b.Site })
            .Distinct()
            .ToListAsync(ct);

        var domains = sites.ToLookup(s => s.PixelId, s => s.Site);
        return totals.Keys.Concat(received.Keys).Concat(published.Keys).Distinct().ToDictionary(id => id, id =>
        {
            var total = totals.GetValueOrDefault(id);
            return new PixelTraffic(
                total?.Received ?? 0,
                total?.Published ?? 0,
                received.GetValueOrDefault(id),
                published.GetValueOrDefault(id),
                [.. domains[id].Order(StringComparer.Ordinal)]);
        });
    }

    /// <summary>
    /// The last time of a pixel's events: the recorded time of the last event, or the start of the last
    /// minute for buckets that recorded none.
    /// </summary>
    private sealed record LastTimes(string PixelId, DateTime? Recorded, DateTime Start)
    {
        public double EpochMilliseconds =>
            PixelConnections.UnixMilliseconds(Recorded is { } time && time > Start ? time : Start);
    }

    /// <summary>A UTC time in Unix milliseconds, as the API's timestamps show it.</summary>
    public static long UnixMilliseconds(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
