using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using static Gatehouse.Tests.Usage.EventMetricsSamples;

namespace Gatehouse.Tests.Usage;

/// <summary>
/// The Event Metrics sample, sent as documented at the time of its sample response (14 March 2023), after
/// the traffic that response describes: four Purchase_PN_Mar22_Events received, none published.
/// </summary>
public sealed class EventMetricsSampleTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private static readonly DateTime SampleEvent = new(2023, 3, 14, 0, 20, 52, DateTimeKind.Utc);

    [Fact]
    public async Task HomeViewSample_FourEventsReceivedNonePublished_ReturnsTheDocumentedResponse()
    {
        app.Clock.Advance(SampleEvent.AddMinutes(25) - app.Clock.GetUtcNow().UtcDateTime);
        var tenantId = await app.AddTenantAsync();
        var pixel = AccountSeeding.NewPixelIds(1)[0];
        await app.AddPixelsAsync(tenantId, (pixel, true));
        await app.CountTrafficAsync(tenantId, pixel, SampleEvent.AddSeconds(-40), "Purchase_PN_Mar22_Events",
            received: 3);
        await app.CountTrafficAsync(tenantId, pixel, SampleEvent, "Purchase_PN_Mar22_Events", received: 1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(HomeView, Variables(tenantId), "/capig/graphql/");

        response.ShouldBe("""
            {"data":{"tenantQueries":{"eventMetrics":{
              "activity":[{"name":"Purchase_PN_Mar22_Events","receivedCount":4,"publishedCount":0,
                "lastUpdated":"1678753252000"}],
              "incoming":{"eventNamesCount":1,"eventsCount":4},
              "outgoing":{"eventNamesCount":0,"eventsCount":0,"publishSuccessRate":0.0} } } } }
            """);
    }
}
