using Gatehouse.Tests.Hosting;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Events;

/// <summary>What publishing shows on /metrics. These run alone, like every test that reads metrics.</summary>
[Collection(nameof(MetricsTests))]
public sealed class PublisherMetricsTests(PublishingApplication fixture) : IClassFixture<PublishingApplication>
{
    private const string Events = "gatehouse_publisher_events_total";
    private const string Attempts = "gatehouse_publisher_attempts_total";
    private const string Duration = "gatehouse_publisher_request_duration_seconds_count";

    private readonly GatehouseApplication _app = fixture.App;

    [Fact]
    public async Task Metrics_PublishedRefusedRetriedAndDropped_CountEventsAttemptsAndDuration()
    {
        var (okTenant, ok) = await _app.ConnectPixelAsync();
        var (refusedTenant, refused) = await _app.ConnectPixelAsync();
        var (retriedTenant, retried) = await _app.ConnectPixelAsync();
        var (offTenant, off) = await _app.ConnectPixelAsync();
        await _app.WithDbAsync(db => db.Pixels.Where(p => p.Id == off)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.IsPublishing, false)));
        fixture.Capi.Script(refused, CapiAnswer.InvalidParameter);
        fixture.Capi.Script(retried, CapiAnswer.ServerError);
        using var client = _app.CreateClient();
        var before = await PrometheusText.ScrapeAsync(client);

        await _app.EnqueueAsync(okTenant, ok, 2);
        await _app.EnqueueAsync(refusedTenant, refused, 1);
        await _app.EnqueueAsync(retriedTenant, retried, 1);
        await _app.EnqueueAsync(offTenant, off, 3);
        await _app.WaitUntilDrainedAsync(ok);
        await _app.WaitUntilDrainedAsync(refused);
        await _app.WaitUntilDrainedAsync(off);
        await QueueSeeding.WaitUntilAsync("the retried event to wait", async () =>
            (await _app.QueuedAsync(retried)).Single().Attempts == 1);
        var after = await PrometheusText.ScrapeAsync(client);

        Assert.Equal(2, Increase(before, after, Events, "outcome=\"published\""));
        Assert.Equal(1, Increase(before, after, Events, "outcome=\"failed\""));
        Assert.Equal(3, Increase(before, after, Events, "outcome=\"dropped\""));
        Assert.Equal(1, Increase(before, after, Attempts, "outcome=\"ok\""));
        Assert.Equal(1, Increase(before, after, Attempts, "outcome=\"transient\""));
        Assert.Equal(1, Increase(before, after, Attempts, "outcome=\"permanent\""));
        Assert.Equal(1, Increase(before, after, Duration, "outcome=\"ok\""));
        Assert.DoesNotContain(ok, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_EventsNotYetDue_ShowQueueDepthCountedInDatabase()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        var later = _app.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        using var client = _app.CreateClient();

        await _app.EnqueueAsync(tenantId, pixelId, 4, adjust: queued => queued.NextAttemptAt = later);
        long stored = 0;
        await _app.WithDbAsync(async db => stored = await db.QueuedEvents.LongCountAsync());
        double shown = -1;
        await QueueSeeding.WaitUntilAsync("the queue depth to show what the database holds", async () =>
        {
            var text = await PrometheusText.ScrapeAsync(client);
            shown = PrometheusText.Sample(text, "gatehouse_queue_depth", "otel_scope_name=\"Gatehouse\"");
            return shown == stored;
        });

        Assert.InRange(stored, 4, long.MaxValue);
        Assert.Equal(stored, shown);
    }

    private static double Increase(string before, string after, string name, string label) =>
        PrometheusText.Sample(after, name, label) - PrometheusText.Sample(before, name, label);
}
