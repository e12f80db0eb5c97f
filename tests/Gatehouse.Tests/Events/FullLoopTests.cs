using System.Globalization;
using System.Net;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;
using Gatehouse.Tests.Usage;

namespace Gatehouse.Tests.Events;

/// <summary>
/// What an API client sees of real traffic: filters set through the documented mutations decide what
/// reaches the fake Conversions API, and the documented queries report what was received, published and
/// refused.
/// </summary>
public sealed class FullLoopTests(PublishingApplication publishing) : IClassFixture<PublishingApplication>
{
    private readonly GatehouseApplication _app = publishing.App;
    private readonly FakeConversionsApi _capi = publishing.Capi;

    [Fact]
    public async Task EventFilterSample_DropAddToCart_OnlyOtherEventsArePublishedAndMetricsSayWhich()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var api = await _app.CreateApiClientAsync();
        var filter = await api.PostGraphQLAsync(FilterSamples.UpdateEventFilter, FilterSamples.Variables(
            pixel.TenantId, FilterSamples.EventInput("AddToCart", $"[\"{pixel.PixelId}\"]", "DROP")),
            PixelSamples.Endpoint);
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(),
            "AddToCart", "Purchase", "AddToCart"));
        await _app.WaitUntilDrainedAsync(pixel.PixelId);
        var metrics = await api.PostGraphQLAsync(EventMetricsSamples.HomeView,
            EventMetricsSamples.Variables(pixel.TenantId), PixelSamples.Endpoint);

        Assert.Null(filter.Json["errors"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["event-1"], _capi.AcceptedEventIds(pixel.PixelId));
        var times = metrics.Json["data"]!["tenantQueries"]!["eventMetrics"]!["activity"]!.AsArray()
            .Select(a => long.Parse(a!["lastUpdated"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.All(times, t => Assert.InRange(t, _app.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds(),
            _app.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
        metrics.ShouldBe($$"""
            {"data":{"tenantQueries":{"eventMetrics":{
              "activity":[
                {"name":"AddToCart","receivedCount":2,"publishedCount":0,"lastUpdated":"{{times[0]}}"},
                {"name":"Purchase","receivedCount":1,"publishedCount":1,"lastUpdated":"{{times[1]}}"}],
              "incoming":{"eventNamesCount":2,"eventsCount":3},
              "outgoing":{"eventNamesCount":1,"eventsCount":1,"publishSuccessRate":1.0} } } } }
            """);
    }

    [Fact]
    public async Task DomainFilterSample_BlockedSite_ItsEventsAreNotForwarded()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var api = await _app.CreateApiClientAsync();
        await api.PostGraphQLAsync(FilterSamples.UpdateDomainFilter, FilterSamples.Variables(
            pixel.TenantId, """{"domain":"example.com","filterState":"DROP"}"""), PixelSamples.Endpoint);
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Empty(_capi.RequestsFor(pixel.PixelId));
    }

    [Fact]
    public async Task ListPixelsSample_TokenRefusedByMeta_ShowsBadTokenAndTheErrorAndUsageShowsPublishError()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        _capi.Script(pixel.PixelId, CapiAnswer.InvalidToken);
        using var client = _app.CreateClient();
        using var api = await _app.CreateApiClientAsync();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"));
        await _app.WaitUntilDrainedAsync(pixel.PixelId);
        var listed = await api.PostGraphQLAsync(PixelSamples.List, PixelSamples.ListVariables(pixel.TenantId),
            PixelSamples.Endpoint);
        var usage = await api.PostGraphQLAsync($$"""
            query { tenantUsage(tenantId: "{{pixel.TenantId}}") { tenantUsageByTraffic {
              totalEventsReceived totalPixelsWithTraffic publishError } } }
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = listed.Json["data"]!["tenantQueries"]!["account"]!["signalConfigs"]![0]!["connectionStatus"]!;
        Assert.True(status["badToken"]!.GetValue<bool>());
        Assert.Equal("190.463", status["apiErrorCode"]!.GetValue<string>());
        Assert.Equal(1.0, status["totalEventsReceived"]!.GetValue<double>());
        Assert.Equal(0.0, status["totalEventsPublished"]!.GetValue<double>());
        usage.ShouldBe("""
            {"data":{"tenantUsage":{"tenantUsageByTraffic":{
              "totalEventsReceived":1,"totalPixelsWithTraffic":1,"publishError":true} } } }
            """);
    }
}
