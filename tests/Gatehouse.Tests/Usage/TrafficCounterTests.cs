using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Usage;

/// <summary>The counting upsert: what two writers add to the same minute adds up, and nothing is overwritten.</summary>
public sealed class TrafficCounterTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task AddAsync_SameBucketTwice_AddsCountsAndKeepsLatestTimes()
    {
        var tenant = await app.AddTenantAsync();
        var pixel = AccountSeeding.NewPixelIds(1)[0];
        await app.AddPixelsAsync(tenant, (pixel, true));
        var minute = new DateTime(2026, 12, 3, 10, 15, 0, DateTimeKind.Utc);
        var early = minute.AddSeconds(10);
        var late = minute.AddSeconds(50);

        await app.WithDbAsync(db => TrafficCounter.AddAsync(db,
            [Count(tenant, pixel, minute.AddSeconds(5), "Purchase", "shop.example", received: 3, receivedAt: late)],
            CancellationToken.None));
        await app.WithDbAsync(db => TrafficCounter.AddAsync(db,
            [
                Count(tenant, pixel, minute, "Purchase", "shop.example", received: 2, receivedAt: early, published: 4),
                Count(tenant, pixel, minute, "PageView", "", received: 1, receivedAt: early),
            ],
            CancellationToken.None));

        List<TrafficBucket> buckets = [];
        await app.WithDbAsync(async db => buckets = await db.TrafficBuckets.AsNoTracking()
            .Where(b => b.PixelId == pixel).OrderBy(b => b.EventName).ToListAsync());
        Assert.Equal(2, buckets.Count);
        Assert.Equal(("PageView", "", 1L), (buckets[0].EventName, buckets[0].Site, buckets[0].EventsReceived));
        var purchase = buckets[1];
        Assert.Equal(minute, purchase.Start);
        Assert.Equal((5L, 4L), (purchase.EventsReceived, purchase.EventsPublished));
        Assert.Equal(late, purchase.LastReceivedAt);
        Assert.Equal(minute, purchase.LastPublishedAt);
    }

    private static TrafficCount Count(
        string tenant, string pixel, DateTime at, string name, string site, long received, DateTime receivedAt,
        long published = 0) =>
        new()
        {
            TenantId = tenant,
            PixelId = pixel,
            Start = at,
            EventName = name,
            Site = site,
            Received = received,
            LastReceivedAt = receivedAt,
            Published = published,
            LastPublishedAt = published > 0 ? at : null,
        };
}
