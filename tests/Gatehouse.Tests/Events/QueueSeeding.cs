using System.Diagnostics;
using Gatehouse.Events;
using Gatehouse.Pixels;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Events;

/// <summary>
/// Connects pixels through the documented <c>setupPixelSignalConfig</c> operation and stores queued events
/// straight into the database, as intake stores them, then reads what publishing made of them.
/// </summary>
public static class QueueSeeding
{
    /// <summary>The longest a test waits for the publisher to get somewhere.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A new account with a pixel connected through the API; returns both ids.</summary>
    public static async Task<(string TenantId, string PixelId)> ConnectPixelAsync(
        this GatehouseApplication app,
        string? apiVersion = "v14.0")
    {
        var tenantId = await app.AddTenantAsync();
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        var variables = PixelSamples.CreateVariables(tenantId, pixelId)
            .Replace("\"v14.0\"", apiVersion is null ? "null" : $"\"{apiVersion}\"", StringComparison.Ordinal);
        using var client = await app.CreateApiClientAsync();
        var response = await client.PostGraphQLAsync(PixelSamples.Create, variables, PixelSamples.Endpoint);
        Assert.True(response.Json["errors"] is null, response.Body);
        return (tenantId, pixelId);
    }

    /// <summary>Stores events of the pixel in one transaction; returns their event ids.</summary>
    public static async Task<List<string>> EnqueueAsync(
        this GatehouseApplication app,
        string tenantId,
        string pixelId,
        int count,
        string eventName = "Purchase",
        Action<QueuedEvent>? adjust = null,
        string site = "shop.example.com")
    {
        var now = app.Clock.GetUtcNow();
        var eventIds = Enumerable.Range(0, count).Select(_ => "evt-" + Guid.NewGuid().ToString("N")).ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var eventId in eventIds)
            {
                var queued = new QueuedEvent
                {
                    PixelId = pixelId,
                    TenantId = tenantId,
                    EventName = eventName,
                    Site = site,
                    ReceivedAt = now.UtcDateTime,
                    NextAttemptAt = now.UtcDateTime,
                    Payload = Payload(eventName, eventId, now),
                };
                adjust?.Invoke(queued);
                db.QueuedEvents.Add(queued);
            }

            await db.SaveChangesAsync();
        });
        return eventIds;
    }

    public static async Task<List<QueuedEvent>> QueuedAsync(this GatehouseApplication app, string pixelId)
    {
        List<QueuedEvent> queued = [];
        await app.WithDbAsync(async db => queued = await db.QueuedEvents.AsNoTracking()
            .Where(e => e.PixelId == pixelId).OrderBy(e => e.Id).ToListAsync());
        return queued;
    }

    public static async Task<Pixel> PixelAsync(this GatehouseApplication app, string pixelId)
    {
        Pixel? pixel = null;
        await app.WithDbAsync(async db =>
            pixel = await db.Pixels.AsNoTracking().SingleAsync(p => p.Id == pixelId));
        return pixel!;
    }

    /// <summary>The pixel's traffic buckets added up: published, dropped, failed.</summary>
    public static async Task<(long Published, long Dropped, long Failed)> CountsAsync(
        this GatehouseApplication app,
        string pixelId)
    {
        (long, long, long) counts = default;
        await app.WithDbAsync(async db =>
        {
            var buckets = await db.TrafficBuckets.AsNoTracking().Where(b => b.PixelId == pixelId).ToListAsync();
            counts = (buckets.Sum(b => b.EventsPublished), buckets.Sum(b => b.EventsDropped),
                buckets.Sum(b => b.PublishFailures));
        });
        return counts;
    }

    /// <summary>Waits until the pixel has no queued events left.</summary>
    public static Task WaitUntilDrainedAsync(this GatehouseApplication app, string pixelId) =>
        WaitUntilAsync($"the queued events of pixel {pixelId} to be gone",
            async () => (await app.QueuedAsync(pixelId)).Count == 0);

    /// <summary>Polls the condition until it holds; fails the test after <see cref="Patience"/>.</summary>
    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > Patience)
            {
                Assert.Fail($"Waited {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private static string Payload(string eventName, string eventId, DateTimeOffset now) => $$"""
        {"event_name":"{{eventName}}","event_time":{{now.ToUnixTimeSeconds()}},"event_id":"{{eventId}}",
         "action_source":"website","event_source_url":"https://shop.example.com/checkout",
         "user_data":{"em":["7b17fb0bd173f625b58636fb796407c22b3d16fc78302d79f0fd30c2fc2fc068"],
           "client_ip_address":"203.0.113.9","client_user_agent":"Mozilla/5.0"},
         "custom_data":{"currency":"EUR","value":12.5} }
        """;
}
