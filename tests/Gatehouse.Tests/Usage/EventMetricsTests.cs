using System.Globalization;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Usage;
using static Gatehouse.Tests.Infrastructure.GraphQLErrors;
using static Gatehouse.Tests.Usage.EventMetricsSamples;

namespace Gatehouse.Tests.Usage;

/// <summary>What eventMetrics counts: by event name and by website, for some pixels or all, in the window.</summary>
public sealed class EventMetricsTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string Endpoint = "/capig/graphql/";

    [Fact]
    public async Task EventMetrics_TrafficOfTwoPixels_AddsUpByNameAndWebsite()
    {
        var (tenantId, _, minute) = await SeedTrafficAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Everything, Variables(tenantId), Endpoint);

        // 30 published of 32 attempts; the 5 dropped PageView events were never attempted.
        response.ShouldBe($$"""
            {"data":{"tenantQueries":{"eventMetrics":{"id":"EventMetricsSnapshot:{{tenantId}}",
              "incoming":{"id":"EventTrafficSummary:incoming","eventNamesCount":3,"eventsCount":41},
              "outgoing":{"id":"ConversionsApiPublishSummary:global","eventNamesCount":3,"eventsCount":30,
                "publishSuccessRate":0.9375},
              "activity":[
                {"id":"EventActivity:Lead","name":"Lead","receivedCount":7,"publishedCount":7,
                  "lastUpdated":"{{Millis(minute, -30)}}"},
                {"id":"EventActivity:PageView","name":"PageView","receivedCount":20,"publishedCount":15,
                  "lastUpdated":"{{Millis(minute, -10)}}"},
                {"id":"EventActivity:Purchase","name":"Purchase","receivedCount":14,"publishedCount":8,
                  "lastUpdated":"{{Millis(minute, -1)}}"}],
              "domainActivity":[
                {"id":"DomainActivity:example.com","domainName":"example.com","receivedCount":20,"publishedCount":15},
                {"id":"DomainActivity:shop.example.com","domainName":"shop.example.com","receivedCount":17,
                  "publishedCount":15}] } } } }
            """);
    }

    [Fact]
    public async Task EventMetrics_OnePixel_CountsOnlyItsTraffic()
    {
        var (tenantId, pixels, minute) = await SeedTrafficAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Everything,
            Variables(tenantId, $"[\"{pixels[1]}\",\"{pixels[1]}\"]"), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantQueries":{"eventMetrics":{"id":"EventMetricsSnapshot:{{tenantId}}",
              "incoming":{"id":"EventTrafficSummary:incoming","eventNamesCount":2,"eventsCount":11},
              "outgoing":{"id":"ConversionsApiPublishSummary:global","eventNamesCount":1,"eventsCount":7,
                "publishSuccessRate":1.0},
              "activity":[
                {"id":"EventActivity:Lead","name":"Lead","receivedCount":7,"publishedCount":7,
                  "lastUpdated":"{{Millis(minute, -30)}}"},
                {"id":"EventActivity:Purchase","name":"Purchase","receivedCount":4,"publishedCount":0,
                  "lastUpdated":"{{Millis(minute, -1)}}"}],
              "domainActivity":[
                {"id":"DomainActivity:shop.example.com","domainName":"shop.example.com","receivedCount":7,
                  "publishedCount":7}] } } } }
            """);
    }

    [Fact]
    public async Task EventMetrics_PixelWithoutTraffic_ReturnsZerosAndEmptyLists()
    {
        var (tenantId, pixels, _) = await SeedTrafficAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Everything, Variables(tenantId, $"[\"{pixels[2]}\"]"),
            Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantQueries":{"eventMetrics":{"id":"EventMetricsSnapshot:{{tenantId}}",
              "incoming":{"id":"EventTrafficSummary:incoming","eventNamesCount":0,"eventsCount":0},
              "outgoing":{"id":"ConversionsApiPublishSummary:global","eventNamesCount":0,"eventsCount":0,
                "publishSuccessRate":0.0},
              "activity":[],"domainActivity":[] } } } }
            """);
    }

    [Theory]
    [InlineData(null, 6)]
    [InlineData(60, 6)]
    [InlineData(1, 5)]
    [InlineData(61, 106)]
    public async Task EventMetrics_TimeWindow_CountsTheMinutesThatStartInIt(int? minutes, int expected)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        app.Clock.Advance(TimeSpan.FromSeconds(30) - (now - TrafficCounter.MinuteOf(now)));
        var minute = app.Minute();
        var tenantId = await app.AddTenantAsync();
        var pixel = AccountSeeding.NewPixelIds(1)[0];
        await app.AddPixelsAsync(tenantId, (pixel, true));
        await app.CountTrafficAsync(tenantId, pixel, minute.AddMinutes(-60), "Edge", received: 100);
        await app.CountTrafficAsync(tenantId, pixel, minute.AddMinutes(-59), "Edge", received: 1);
        await app.CountTrafficAsync(tenantId, pixel, minute, "Edge", received: 5);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(HomeView, Variables(tenantId, timeWindow: minutes), Endpoint);

        // The clock stands 30 seconds into its minute, so a window of N minutes holds that minute and N-1 before.
        var incoming = response.Json["data"]!["tenantQueries"]!["eventMetrics"]!["incoming"]!;
        Assert.Equal(expected, incoming["eventsCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task EventMetrics_MoreEventsThanAnInt_ShowsTheLargestInt()
    {
        var tenantId = await app.AddTenantAsync();
        var pixel = AccountSeeding.NewPixelIds(1)[0];
        await app.AddPixelsAsync(tenantId, (pixel, true));
        await app.CountTrafficAsync(tenantId, pixel, app.Minute(), "PageView", "example.com",
            received: 3_000_000_000, published: 2_500_000_000);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "query ($t: ID!) { tenantQueries(tenantId: $t) { eventMetrics { incoming { eventsCount } "
            + "outgoing { eventsCount publishSuccessRate } activity { receivedCount publishedCount } "
            + "domainActivity { receivedCount } } } }",
            $$"""{"t":"{{tenantId}}"}""", Endpoint);

        response.ShouldBe("""
            {"data":{"tenantQueries":{"eventMetrics":{"incoming":{"eventsCount":2147483647},
              "outgoing":{"eventsCount":2147483647,"publishSuccessRate":1.0},
              "activity":[{"receivedCount":2147483647,"publishedCount":2147483647}],
              "domainActivity":[{"receivedCount":2147483647}] } } } }
            """);
    }

    [Theory]
    [InlineData("null", 0, "timeWindowMin must be 1 to 43200 minutes; it is 0.", 400)]
    [InlineData("null", 43201, "timeWindowMin must be 1 to 43200 minutes; it is 43201.", 400)]
    [InlineData("[]", 60, "pixelIds must name at least one pixel, or be null for every pixel of the account.", 400)]
    [InlineData("[\"pixel\"]", 60, "pixelIds must be a Meta Pixel ID: 1 to 32 digits.", 400)]
    [InlineData("[\"4242\"]", 60, "Pixel 4242 is not connected to this account.", 404)]
    public async Task EventMetrics_BadArguments_ReturnError(string pixelIds, int minutes, string message, int status)
    {
        var tenantId = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(HomeView, Variables(tenantId, pixelIds, minutes), Endpoint);

        Assert.Equal((message, status == 404 ? "NOT_FOUND" : "BAD_REQUEST", status), ErrorOf(response));
        Assert.Null(response.Json["data"]!["tenantQueries"]);
    }

    [Fact]
    public async Task EventMetrics_PixelOfAnotherAccount_ReturnsNotFound()
    {
        var (_, theirPixels, _) = await SeedTrafficAsync();
        var mine = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(HomeView, Variables(mine, $"[\"{theirPixels[0]}\"]"),
            Endpoint);

        Assert.Equal(($"Pixel {theirPixels[0]} is not connected to this account.", "NOT_FOUND", 404),
            ErrorOf(response));
    }

    /// <summary>
    /// An account of three pixels: the first two with traffic in the last hour, the third with none, plus
    /// traffic older than an hour and traffic of another account that no window of this one counts.
    /// </summary>
    private async Task<(string TenantId, string[] Pixels, DateTime Minute)> SeedTrafficAsync()
    {
        var (tenantId, other) = (await app.AddTenantAsync(), await app.AddTenantAsync());
        var pixels = AccountSeeding.NewPixelIds(4);
        await app.AddPixelsAsync(tenantId, (pixels[0], true), (pixels[1], true), (pixels[2], true));
        await app.AddPixelsAsync(other, (pixels[3], true));
        var minute = app.Minute();
        var (a, b) = (pixels[0], pixels[1]);
        await app.CountTrafficAsync(tenantId, a, minute.AddMinutes(-5), "Purchase", "shop.example.com",
            received: 10, published: 8, failed: 2);
        await app.CountTrafficAsync(tenantId, a, minute.AddMinutes(-10), "PageView", "example.com",
            received: 20, published: 15, dropped: 5);
        await app.CountTrafficAsync(tenantId, b, minute.AddMinutes(-1), "Purchase", received: 4);
        await app.CountTrafficAsync(tenantId, b, minute.AddMinutes(-30), "Lead", "shop.example.com",
            received: 7, published: 7);
        await app.CountTrafficAsync(tenantId, a, minute.AddMinutes(-61), "Purchase", "old.example.com",
            received: 100, published: 100);
        await app.CountTrafficAsync(other, pixels[3], minute, "Purchase", "example.com", received: 50);
        return (tenantId, pixels[..3], minute);
    }

    private static string Millis(DateTime minute, int minutes) =>
        TrafficSeeding.UnixMilliseconds(minute.AddMinutes(minutes)).ToString(CultureInfo.InvariantCulture);
}
