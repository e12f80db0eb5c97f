using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Events.PublishingApplication;

namespace Gatehouse.Tests.Events;

/// <summary>
/// Queued events reach the fake Conversions API as Meta's documentation asks, in batches, and every
/// answer (taken, worth retrying, refused) leaves the queue, the counts and the pixel as it should.
/// </summary>
public sealed class EventPublisherTests(PublishingApplication fixture) : IClassFixture<PublishingApplication>
{
    private readonly GatehouseApplication _app = fixture.App;
    private readonly FakeConversionsApi _capi = fixture.Capi;

    [Fact]
    public async Task Publish_SevenEvents_PostsBatchesOfThreeToVersionedPathWithTokenInBody()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();

        var eventIds = await _app.EnqueueAsync(tenantId, pixelId, 7);
        await _app.WaitUntilDrainedAsync(pixelId);

        var requests = _capi.RequestsFor(pixelId).OrderBy(r => eventIds.IndexOf(r.EventIds[0])).ToList();
        Assert.Equal([3, 3, 1], requests.Select(r => r.EventIds.Count));
        Assert.Equal(eventIds, requests.SelectMany(r => r.EventIds));
        Assert.All(requests, request =>
        {
            Assert.Equal($"/v14.0/{pixelId}/events", request.Path);
            Assert.Equal("", request.Query);
            Assert.Equal("application/json; charset=utf-8", request.ContentType);
            Assert.Equal(PixelSamples.AccessToken, request.AccessToken);
            Assert.Equal(200, request.Status);
        });
        Assert.Equal((7, 0, 0), await _app.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Publish_PixelWithoutApiVersion_UsesDefaultApiVersion()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync(apiVersion: null);

        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);

        var request = Assert.Single(_capi.RequestsFor(pixelId));
        Assert.Equal($"/{DefaultApiVersion}/{pixelId}/events", request.Path);
    }

    [Fact]
    public async Task Publish_Published_CountsInMinuteBucketWithLastPublishedAt()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

        await _app.EnqueueAsync(tenantId, pixelId, 2, eventName: "Lead");
        await _app.EnqueueAsync(tenantId, pixelId, 1, eventName: "Purchase");
        await _app.WaitUntilDrainedAsync(pixelId);

        List<TrafficBucket> buckets = [];
        await _app.WithDbAsync(async db => buckets = await db.TrafficBuckets.AsNoTracking()
            .Where(b => b.PixelId == pixelId).OrderBy(b => b.EventName).ToListAsync());
        Assert.Equal(
            [(minute, "Lead", "shop.example.com", 2), (minute, "Purchase", "shop.example.com", 1)],
            buckets.Select(b => (b.Start, b.EventName, b.Site, b.EventsPublished)));

        // PostgreSQL keeps microseconds, the clock has ticks.
        Assert.All(buckets, b => Assert.Equal(now, b.LastPublishedAt!.Value, TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task Publish_ServerErrorTwiceThenOk_RetriesAfterBackoffAndPublishesOnce()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.ServerError, CapiAnswer.ServerError);

        var eventId = Assert.Single(await _app.EnqueueAsync(tenantId, pixelId, 1));
        var first = await WaitForAttemptsAsync(pixelId, 1);
        var sentBeforeBackoff = _capi.RequestsFor(pixelId).Count;
        _app.Clock.Advance(BackoffBase);
        var second = await WaitForAttemptsAsync(pixelId, 2);
        _app.Clock.Advance(BackoffBase * 2);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal(1, sentBeforeBackoff);
        Assert.InRange(first.NextAttemptAt - first.ReceivedAt, TimeSpan.Zero, BackoffBase);
        Assert.Null(first.LeaseOwner);
        Assert.InRange(second.NextAttemptAt - first.ReceivedAt, BackoffBase, BackoffBase * 3);
        Assert.Equal([500, 500, 200], _capi.RequestsFor(pixelId).Select(r => r.Status));
        Assert.All(_capi.RequestsFor(pixelId), r => Assert.Equal([eventId], r.EventIds));
        Assert.Equal((1, 0, 0), await _app.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Publish_Throttled_RetriesAfterBackoff()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.Throttled);

        await _app.EnqueueAsync(tenantId, pixelId, 2);
        await WaitForAttemptsAsync(pixelId, 1);
        _app.Clock.Advance(BackoffBase);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal([429, 200], _capi.RequestsFor(pixelId).Select(r => r.Status));
        Assert.Equal((2, 0, 0), await _app.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Publish_ServerErrorOnEveryAttempt_GivesUpAfterMaxAttempts()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.ServerError, CapiAnswer.ServerError, CapiAnswer.ServerError);

        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await WaitForAttemptsAsync(pixelId, 1);
        _app.Clock.Advance(BackoffBase);
        await WaitForAttemptsAsync(pixelId, 2);
        _app.Clock.Advance(BackoffBase * 2);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal(MaxAttempts, _capi.RequestsFor(pixelId).Count);
        Assert.Equal((0, 0, 1), await _app.CountsAsync(pixelId));
        var pixel = await _app.PixelAsync(pixelId);
        Assert.Equal(("2.0", false), (pixel.ApiErrorCode, pixel.BadToken));
    }

    [Fact]
    public async Task Publish_BareGatewayErrorOnEveryAttempt_GivesUpAndLeavesApiErrorCode()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.BadGateway, CapiAnswer.BadGateway, CapiAnswer.BadGateway);

        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await WaitForAttemptsAsync(pixelId, 1);
        _app.Clock.Advance(BackoffBase);
        await WaitForAttemptsAsync(pixelId, 2);
        _app.Clock.Advance(BackoffBase * 2);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal([502, 502, 502], _capi.RequestsFor(pixelId).Select(r => r.Status));
        Assert.Equal((0, 0, 1), await _app.CountsAsync(pixelId));
        Assert.Null((await _app.PixelAsync(pixelId)).ApiErrorCode);
    }

    [Fact]
    public async Task Publish_InvalidToken_FailsWithoutRetryAndMarksBadToken()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.InvalidToken);

        await _app.EnqueueAsync(tenantId, pixelId, 2);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Single(_capi.RequestsFor(pixelId));
        Assert.Equal((0, 0, 2), await _app.CountsAsync(pixelId));
        var pixel = await _app.PixelAsync(pixelId);
        Assert.Equal(("190.463", true), (pixel.ApiErrorCode, pixel.BadToken));
    }

    [Fact]
    public async Task SetupPixelSignalConfig_AfterInvalidToken_ClearsBadTokenAndApiErrorCode()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.InvalidToken);
        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);
        using var client = await _app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            PixelSamples.Create, PixelSamples.CreateVariables(tenantId, pixelId), PixelSamples.Endpoint);

        Assert.True(response.Json["errors"] is null, response.Body);
        var pixel = await _app.PixelAsync(pixelId);
        Assert.Equal((null, false), (pixel.ApiErrorCode, pixel.BadToken));
    }

    [Fact]
    public async Task Publish_TokenUnreadable_FailsWithoutSendingAndMarksBadToken()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        await _app.WithDbAsync(db => db.Pixels.Where(p => p.Id == pixelId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.ProtectedAccessToken, "not-a-protected-token")));

        await _app.EnqueueAsync(tenantId, pixelId, 2);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Empty(_capi.RequestsFor(pixelId));
        Assert.Equal((0, 0, 2), await _app.CountsAsync(pixelId));
        var pixel = await _app.PixelAsync(pixelId);
        Assert.Equal((null, true), (pixel.ApiErrorCode, pixel.BadToken));
    }

    [Fact]
    public async Task Publish_SuccessAfterTokenError_ClearsBadToken()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.InvalidToken);
        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);

        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);

        var pixel = await _app.PixelAsync(pixelId);
        Assert.Equal((null, false), (pixel.ApiErrorCode, pixel.BadToken));
    }

    [Fact]
    public async Task Publish_InvalidParameterWithoutSubcode_StoresCodeDotZeroAndKeepsToken()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.InvalidParameter);

        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Single(_capi.RequestsFor(pixelId));
        Assert.Equal((0, 0, 1), await _app.CountsAsync(pixelId));
        var pixel = await _app.PixelAsync(pixelId);
        Assert.Equal(("100.0", false), (pixel.ApiErrorCode, pixel.BadToken));
    }

    [Fact]
    public async Task Publish_SuccessAfterRefusal_ClearsApiErrorCode()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(pixelId, CapiAnswer.InvalidParameter);
        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);

        await _app.EnqueueAsync(tenantId, pixelId, 1);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal([400, 200], _capi.RequestsFor(pixelId).Select(r => r.Status));
        Assert.Null((await _app.PixelAsync(pixelId)).ApiErrorCode);
    }

    [Fact]
    public async Task Publish_PublishingSwitchedOff_DropsEventsWithoutSending()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        using var client = await _app.CreateApiClientAsync();
        await client.PostGraphQLAsync(
            PixelSamples.Publish, PixelSamples.StatusVariables(tenantId, 0, pixelId), PixelSamples.Endpoint);

        await _app.EnqueueAsync(tenantId, pixelId, 4);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Empty(_capi.RequestsFor(pixelId));
        Assert.Equal((0, 4, 0), await _app.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Publish_FiltersSetWhileEventsWait_HoldBackQueuedEventsTheyDrop()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        using var client = await _app.CreateApiClientAsync();
        var pixels = $"[\"{pixelId}\"]";
        var events = await client.PostGraphQLAsync(FilterSamples.UpdateEventFilter,
            FilterSamples.Variables(tenantId, FilterSamples.EventInput("AddToCart", pixels, "DROP")),
            PixelSamples.Endpoint);
        var domains = await client.PostGraphQLAsync(FilterSamples.UpdateDomainFilter,
            FilterSamples.Variables(tenantId, FilterSamples.DomainInput("blocked.example.net", pixels, "DROP")),
            PixelSamples.Endpoint);

        var published = await _app.EnqueueAsync(tenantId, pixelId, 2);
        await _app.EnqueueAsync(tenantId, pixelId, 2, "AddToCart");
        await _app.EnqueueAsync(tenantId, pixelId, 1, site: "shop.blocked.example.net");
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal((null, null), (events.Json["errors"], domains.Json["errors"]));
        Assert.Equal(published.Order(StringComparer.Ordinal),
            _capi.AcceptedEventIds(pixelId).Order(StringComparer.Ordinal));
        Assert.Equal((2, 3, 0), await _app.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Publish_LeaseOfDeadInstance_TakenOverOnlyAfterItLapses()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        var (otherTenantId, otherPixelId) = await _app.ConnectPixelAsync();
        var leasedUntil = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);

        var eventIds = await _app.EnqueueAsync(tenantId, pixelId, 2, adjust: queued =>
        {
            queued.LeaseOwner = "instance-that-died";
            queued.LeaseExpiresAt = leasedUntil;
        });
        await _app.EnqueueAsync(otherTenantId, otherPixelId, 1);
        await _app.WaitUntilDrainedAsync(otherPixelId);
        var sentWhileLeased = _capi.RequestsFor(pixelId).Count;
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal(0, sentWhileLeased);
        Assert.Equal(eventIds, _capi.AcceptedEventIds(pixelId));
        Assert.Equal((2, 0, 0), await _app.CountsAsync(pixelId));
    }

    [Fact]
    public async Task Publish_OnePixelLeftUnanswered_OtherPixelsPublishMeanwhile()
    {
        var (slowTenantId, slowPixelId) = await _app.ConnectPixelAsync();
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        _capi.Script(slowPixelId, CapiAnswer.Hang);
        await _app.EnqueueAsync(slowTenantId, slowPixelId, 1);
        await QueueSeeding.WaitUntilAsync("the slow pixel's request to reach the fake Conversions API",
            () => Task.FromResult(_capi.RequestsFor(slowPixelId).Count == 1));

        var eventIds = await _app.EnqueueAsync(tenantId, pixelId, 4);
        await _app.WaitUntilDrainedAsync(pixelId);

        // Two batches of the pixel (three events and one) may be under way at once, in either order.
        Assert.Equal(eventIds.Order(), _capi.AcceptedEventIds(pixelId).Order());
        // The slow request is still under way (ConversionsApi:Timeout is 10 s): its event is leased, untried.
        var waiting = Assert.Single(await _app.QueuedAsync(slowPixelId));
        Assert.Equal((true, 0), (waiting.LeaseOwner is not null, waiting.Attempts));
    }

    private async Task<Gatehouse.Events.QueuedEvent> WaitForAttemptsAsync(string pixelId, int attempts)
    {
        Gatehouse.Events.QueuedEvent? waiting = null;
        var what = $"the events of pixel {pixelId} to wait after {attempts} attempts";
        await QueueSeeding.WaitUntilAsync(what, async () =>
        {
            var queued = await _app.QueuedAsync(pixelId);
            waiting = queued.FirstOrDefault(e => e.Attempts == attempts && e.LeaseOwner is null);
            return waiting is not null && queued.All(e => e.Attempts == attempts && e.LeaseOwner is null);
        });
        return waiting!;
    }
}
