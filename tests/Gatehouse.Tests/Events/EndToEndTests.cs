using System.Net;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>
/// The whole path over real HTTP: a sender posts events to the gateway, the gateway publishes them to a fake
/// Conversions API that speaks the Graph API's wire format, and the counts say what happened.
/// </summary>
public sealed class EndToEndTests(PublishingApplication publishing) : IClassFixture<PublishingApplication>
{
    private readonly GatehouseApplication _app = publishing.App;
    private readonly FakeConversionsApi _capi = publishing.Capi;

    [Fact]
    public async Task CapiBatch_Accepted_ReachesTheConversionsApiHashedInBatchesWithTheirEventIds()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(),
            "Purchase", "PageView", "Purchase", "Lead", "Lead"));
        await _app.WaitUntilDrainedAsync(pixel.PixelId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = _capi.RequestsFor(pixel.PixelId);
        // Batches of one pixel may be under way in two slots at once, so they may arrive in either order.
        Assert.Equal([2, 3], requests.Select(r => r.Events.Count).Order());
        Assert.All(requests, r => Assert.Equal($"/v14.0/{pixel.PixelId}/events", r.Path));
        Assert.All(requests, r => Assert.Equal(pixel.AccessToken, r.AccessToken));
        Assert.Equal(
            ["event-0", "event-1", "event-2", "event-3", "event-4"], _capi.AcceptedEventIds(pixel.PixelId).Order());
        var sent = requests.SelectMany(r => r.Events).Single(e => e["event_id"]!.GetValue<string>() == "event-0");
        Assert.Equal(IntakeSetup.Sha256("buyer0@example.com"), sent["user_data"]!["em"]![0]!.GetValue<string>());
        Assert.Equal("website", sent["action_source"]!.GetValue<string>());
        Assert.Equal((5, 0, 0), await _app.CountsAsync(pixel.PixelId));
    }

    [Fact]
    public async Task PixelEvent_Accepted_IsPublishedWithTheBrowsersEventIdForDeduplication()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var body = $$$"""
            {"event_name":"AddToCart","event_id":"ob3_plugin-set_abc","fb.pixel_id":"{{{pixel.PixelId}}}","fb.advanced_matching":{"em":"Shopper@Example.com"},"website_context":{"location":"https://shop.example.com/p/1","referrer":""}}
            """;

        using var response = await client.PostPixelEventAsync(body);
        await _app.WaitUntilDrainedAsync(pixel.PixelId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(Assert.Single(_capi.RequestsFor(pixel.PixelId)).Events);
        Assert.Equal("ob3_plugin-set_abc", sent["event_id"]!.GetValue<string>());
        Assert.Equal(IntakeSetup.Sha256("shopper@example.com"), sent["user_data"]!["em"]!.GetValue<string>());
        Assert.Equal("https://shop.example.com/p/1", sent["event_source_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task CapiBatch_PublishingSwitchedOff_NothingReachesTheConversionsApi()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        await _app.SwitchOffAsync(pixel, Pixels.PixelSamples.Publish);
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "A", "B"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Empty(_capi.RequestsFor(pixel.PixelId));
    }
}
