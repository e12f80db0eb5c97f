using Gatehouse.Tests.Infrastructure;
using static Gatehouse.Tests.Events.PublishingApplication;

namespace Gatehouse.Tests.Events;

/// <summary>
/// Events outlive the process that was publishing them. Delivery is at least once on the wire (a request
/// cut off at shutdown is sent again) and, in these runs, exactly once accepted: every event id is taken
/// by the fake Conversions API once.
/// </summary>
public sealed class PublisherRestartTests
{
    [Fact]
    public async Task Restart_EventsWaitingForRetry_PublishedExactlyOnceByNextStart()
    {
        await using var database = new TestDatabase();
        await using var capi = await FakeConversionsApi.StartAsync();
        var first = await StartAsync(database, capi);
        var (tenantId, pixelId) = await first.ConnectPixelAsync();
        capi.Script(pixelId, CapiAnswer.ServerError, CapiAnswer.ServerError);
        var eventIds = await first.EnqueueAsync(tenantId, pixelId, 5);
        await QueueSeeding.WaitUntilAsync("both batches to wait for their second attempt", async () =>
            (await first.QueuedAsync(pixelId)).All(e => e.Attempts == 1 && e.LeaseOwner is null));
        await first.DisposeAsync();

        await using var second = await StartAsync(database, capi);
        second.Clock.Advance(BackoffCap);
        await second.WaitUntilDrainedAsync(pixelId);

        Assert.Equal(eventIds.Order(), capi.AcceptedEventIds(pixelId).Order());
        Assert.Equal((5, 0, 0), await second.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Restart_RequestUnansweredAtShutdown_ReleasesLeaseAndPublishesAfterRestart()
    {
        await using var database = new TestDatabase();
        await using var capi = await FakeConversionsApi.StartAsync();
        var first = await StartAsync(database, capi);
        var (tenantId, pixelId) = await first.ConnectPixelAsync();
        capi.Script(pixelId, CapiAnswer.Hang);
        var eventIds = await first.EnqueueAsync(tenantId, pixelId, 2);
        await QueueSeeding.WaitUntilAsync("the request to reach the fake Conversions API", () =>
            Task.FromResult(capi.RequestsFor(pixelId).Count == 1));

        await first.DisposeAsync();
        var idle = await StartAsync(database, capi, publishing: false);
        var leftBehind = await idle.QueuedAsync(pixelId);
        await idle.DisposeAsync();
        await using var second = await StartAsync(database, capi);
        await second.WaitUntilDrainedAsync(pixelId);

        Assert.All(leftBehind, e => Assert.Equal((null, null, 0), (e.LeaseOwner, e.LeaseExpiresAt, e.Attempts)));
        Assert.Equal(2, leftBehind.Count);
        Assert.Equal(2, capi.RequestsFor(pixelId).Count);
        Assert.Equal(eventIds, capi.AcceptedEventIds(pixelId));
        Assert.Equal((2, 0, 0), await second.CountsAsync(pixelId));
    }

    private static async Task<GatehouseApplication> StartAsync(
        TestDatabase database,
        FakeConversionsApi capi,
        bool publishing = true)
    {
        var app = new GatehouseApplication(database);
        Configure(app, capi);
        app.Settings["ConversionsApi:Enabled"] = publishing ? "true" : "false";
        await app.InitializeAsync();
        return app;
    }
}
