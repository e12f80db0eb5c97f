using System.Globalization;

namespace Gatehouse.Tests.Usage;

/// <summary>The operation of Meta's Event Metrics reference, as printed there.</summary>
public static class EventMetricsSamples
{
    public const string HomeView = """
        query HomeViewQuery($tenantId: ID!, $pixelIds: [String!], $timeWindow: Int) {
          tenantQueries(tenantId: $tenantId) { eventMetrics(pixelIds: $pixelIds, timeWindowMin: $timeWindow) {
            activity { name receivedCount publishedCount lastUpdated } incoming { eventNamesCount eventsCount } outgoing { eventNamesCount eventsCount publishSuccessRate } } }
        }
        """;

    /// <summary>Every field of the snapshot, for the tests that check what the sample leaves out.</summary>
    public const string Everything = """
        query ($tenantId: ID!, $pixelIds: [String!], $timeWindow: Int) {
          tenantQueries(tenantId: $tenantId) { eventMetrics(pixelIds: $pixelIds, timeWindowMin: $timeWindow) {
            id incoming { id eventNamesCount eventsCount }
            outgoing { id eventNamesCount eventsCount publishSuccessRate }
            activity { id name receivedCount publishedCount lastUpdated }
            domainActivity { id domainName receivedCount publishedCount } } }
        }
        """;

    public static string Variables(string tenantId, string? pixelIds = null, int? timeWindow = null) =>
        $$"""{"tenantId":"{{tenantId}}","pixelIds":{{pixelIds ?? "null"}},"timeWindow":{{Json(timeWindow)}} }""";

    private static string Json(int? value) =>
        value is { } number ? number.ToString(CultureInfo.InvariantCulture) : "null";
}
