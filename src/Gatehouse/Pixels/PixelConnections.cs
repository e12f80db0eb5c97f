using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Pixels;

/// <summary>What the API shows of one pixel: its switches, whether a token is stored, and its traffic.</summary>
public sealed record PixelConnection(
    string PixelId,
    string? Name,
    bool IsActive,
    bool IsPublishing,
    bool HasAccessToken,
    double TotalEventsReceived,
    double LastReceived);

/// <summary>Reads pixels with their received-event counts from the per-minute traffic buckets.</summary>
public static class PixelConnections
{
    /// <summary>The documented default of <c>timeWindowMin</c>.</summary>
    public const int DefaultWindowMinutes = 60;

    /// <summary>Thirty days: the longest window the traffic buckets are meant to answer.</summary>
    public const int MaxWindowMinutes = 43200;

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
            .Select(p => new { p.Id, p.Name, p.IsActive, p.IsPublishing, HasToken = p.ProtectedAccessToken != null })
            .ToListAsync(ct);
        var buckets = db.TrafficBuckets.AsNoTracking()
            .Where(b => b.TenantId == tenantId && (pixelId == null || b.PixelId == pixelId) && b.EventsReceived > 0);
        var windowStart = now.AddMinutes(-windowMinutes);
        var received = await buckets.Where(b => b.Start >= windowStart)
            .GroupBy(b => b.PixelId)
            .Select(g => new { PixelId = g.Key, Count = g.Sum(b => b.EventsReceived) })
            .ToDictionaryAsync(r => r.PixelId, r => r.Count, ct);
        var last = await buckets.GroupBy(b => b.PixelId)
            .Select(g => new { PixelId = g.Key, Start = g.Max(b => b.Start) })
            .ToDictionaryAsync(r => r.PixelId, r => r.Start, ct);

        return [.. pixels.Select(p => new PixelConnection(
            p.Id,
            p.Name,
            p.IsActive,
            p.IsPublishing,
            p.HasToken,
            received.GetValueOrDefault(p.Id),
            last.TryGetValue(p.Id, out var start) ? new DateTimeOffset(start).ToUnixTimeMilliseconds() : 0))];
    }
}
