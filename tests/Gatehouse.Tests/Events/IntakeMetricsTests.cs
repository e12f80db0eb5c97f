using System.Globalization;
using Gatehouse.Tests.Hosting;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>What the intake shows on /metrics. These run alone, like every test that reads metrics.</summary>
[Collection(nameof(MetricsTests))]
public sealed class IntakeMetricsTests(IntakeApplication intake) : IClassFixture<IntakeApplication>
{
    private readonly GatehouseApplication _app = intake.App;

    [Fact]
    public async Task Metrics_EventsQueuedDroppedAndRejected_CountBySourceAndOutcome()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var api = await _app.CreateApiClientAsync();
        await api.PostGraphQLAsync(FilterSamples.UpdateEventFilter, FilterSamples.Variables(
            pixel.TenantId, FilterSamples.EventInput("Lead", null, "DROP")), Pixels.PixelSamples.Endpoint);
        using var client = _app.CreateClient();
        var before = await PrometheusText.ScrapeAsync(client);

        await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Purchase", "Lead", "Lead"));
        await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Purchase", ""));
        await client.PostPixelEventAsync($$"""{"event_name":"PageView","fb.pixel_id":"{{pixel.PixelId}}"}""");
        var after = await PrometheusText.ScrapeAsync(client);

        Assert.Equal(1, Increase(before, after, "source=\"capi\"", "outcome=\"queued\""));
        Assert.Equal(2, Increase(before, after, "source=\"capi\"", "outcome=\"dropped\""));
        Assert.Equal(2, Increase(before, after, "source=\"capi\"", "outcome=\"rejected\""));
        Assert.Equal(1, Increase(before, after, "source=\"pixel\"", "outcome=\"queued\""));
    }

    [Fact]
    public async Task Metrics_RequestsRefusedBeforeAnyPixelIsCharged_CountAsRejected()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var before = await PrometheusText.ScrapeAsync(client);

        using var wrongToken = await client.PostBatchAsync(pixel,
            IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Purchase", "Lead"), "not-the-token");
        using var badPath = await client.PostBatchAsync(pixel with { PixelId = "not-a-pixel" }, """{"data":[]}""");
        using var notJson = await client.PostPixelEventAsync("[1,2]");
        using var noPixel = await client.PostPixelEventAsync("""{"event_name":"PageView"}""");
        var after = await PrometheusText.ScrapeAsync(client);

        Assert.Equal([401, 400, 400, 400],
            new[] { wrongToken, badPath, notJson, noPixel }.Select(r => (int)r.StatusCode));
        Assert.Equal(3, Increase(before, after, "source=\"capi\"", "outcome=\"rejected\""));
        Assert.Equal(2, Increase(before, after, "source=\"pixel\"", "outcome=\"rejected\""));
        Assert.Equal((0, 0, 0), await _app.CountsAsync(pixel));
    }

    private static double Increase(string before, string after, string source, string outcome) =>
        Sum(after, source, outcome) - Sum(before, source, outcome);

    private static double Sum(string exposition, string source, string outcome) => exposition.Split('\n')
        .Where(line => line.StartsWith("gatehouse_events_received_total{", StringComparison.Ordinal)
            && line.Contains(source, StringComparison.Ordinal) && line.Contains(outcome, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0],
            CultureInfo.InvariantCulture));
}
