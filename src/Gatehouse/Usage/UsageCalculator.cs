using Gatehouse.Data;
using Gatehouse.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Usage;

/// <summary>
/// Computes account usage from the stored pixels, pipelines and per-minute traffic buckets. Scoped to one
/// request: the usage of every account a document asks about is computed together, in three queries.
/// </summary>
public sealed class UsageCalculator
{
    public UsageCalculator(GatehouseDbContext db, TimeProvider clock, IOptions<UsageOptions> options)
    {
        ByTenant = new BatchLoader<string, TenantUsage>(
            (tenantIds, ct) => ComputeAsync(db, clock.GetUtcNow().UtcDateTime, options.Value.TrafficWindowHours,
                tenantIds, ct),
            Empty(clock.GetUtcNow().UtcDateTime, options.Value.TrafficWindowHours));
    }

    public BatchLoader<string, TenantUsage> ByTenant { get; }

    private static async Task<Dictionary<string, TenantUsage>> ComputeAsync(
        GatehouseDbContext db,
        DateTime now,
        int hours,
        IReadOnlyCollection<string> tenantIds,
        CancellationToken ct)
    {
        var pixels = await db.Pixels.AsNoTracking()
            .Where(p => tenantIds.Contains(p.TenantId))
            .OrderBy(p => p.Id)
            .Select(p => new { p.TenantId, p.Id, p.IsActive })
            .ToListAsync(ct);
        var pipelines = await db.Pipelines.AsNoTracking()
            .Where(p => tenantIds.Contains(p.TenantId))
            .Select(p => new { p.TenantId, p.IsActive })
            .ToListAsync(ct);
        var windowStart = now.AddHours(-hours);
        var traffic = await db.TrafficBuckets.AsNoTracking()
            .Where(b => tenantIds.Contains(b.TenantId) && b.Start >= windowStart)
            .GroupBy(b => new { b.TenantId, b.PixelId })
            .Select(g => new
            {
                g.Key.TenantId,
                Received = g.Sum(b => b.EventsReceived),
                Failures = g.Sum(b => b.PublishFailures),
            })
            .ToListAsync(ct);

        return tenantIds.ToDictionary(id => id, id =>
        {
            var tenantPixels = pixels.Where(p => p.TenantId == id).ToList();
            var tenantPipelines = pipelines.Where(p => p.TenantId == id).ToList();
            var perPixel = traffic.Where(t => t.TenantId == id).ToList();
            return new TenantUsage(
                [.. tenantPixels.Select(p => p.Id)],
                tenantPixels.Count(p => p.IsActive),
                tenantPipelines.Count,
                tenantPipelines.Count(p => p.IsActive),
                new TrafficUsage(
                    perPixel.Sum(p => p.Received),
                    perPixel.Count(p => p.Received > 0),
                    perPixel.Any(p => p.Failures > 0),
                    hours,
                    now));
        });
    }

    private static TenantUsage Empty(DateTime now, int hours) =>
        new([], 0, 0, 0, new TrafficUsage(0, 0, false, hours, now));
}
