using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Usage;

/// <summary>Computes account usage from the stored pixels, pipelines and per-minute traffic buckets.</summary>
public sealed class UsageCalculator(GatehouseDbContext db, TimeProvider clock, IOptions<UsageOptions> options)
{
    public async Task<TenantUsage> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var pixels = await db.Pixels.AsNoTracking()
            .Where(p => p.TenantId == tenantId)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.IsActive })
            .ToListAsync(cancellationToken);
        var pipelines = await db.Pipelines.AsNoTracking()
            .Where(p => p.TenantId == tenantId)
            .Select(p => p.IsActive)
            .ToListAsync(cancellationToken);

        return new TenantUsage(
            [.. pixels.Select(p => p.Id)],
            pixels.Count(p => p.IsActive),
            pipelines.Count,
            pipelines.Count(active => active),
            await GetTrafficAsync(tenantId, cancellationToken));
    }

    private async Task<TrafficUsage> GetTrafficAsync(string tenantId, CancellationToken cancellationToken)
    {
        var hours = options.Value.TrafficWindowHours;
        var now = clock.GetUtcNow().UtcDateTime;
        var windowStart = now.AddHours(-hours);

        var perPixel = await db.TrafficBuckets.AsNoTracking()
            .Where(b => b.TenantId == tenantId && b.Start >= windowStart)
            .GroupBy(b => b.PixelId)
            .Select(g => new { Received = g.Sum(b => b.EventsReceived), Failures = g.Sum(b => b.PublishFailures) })
            .ToListAsync(cancellationToken);

        return new TrafficUsage(
            perPixel.Sum(p => p.Received),
            perPixel.Count(p => p.Received > 0),
            perPixel.Any(p => p.Failures > 0),
            hours,
            now);
    }
}
