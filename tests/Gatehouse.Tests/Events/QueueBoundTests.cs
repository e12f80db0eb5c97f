using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>At its bound the queue refuses new events whole, with a temporary error senders retry.</summary>
public sealed class QueueBoundTests(SmallQueueApplication intake) : IClassFixture<SmallQueueApplication>
{
    private readonly GatehouseApplication _app = intake.App;

    [Fact]
    public async Task CapiBatch_QueueAtItsBound_Answers503WithRetryAfterAndStoresNothing()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        using var first = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "A", "B", "C"));

        using var second = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "D", "E", "F"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), second.Headers.RetryAfter?.Delta);
        var error = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(2, error["code"]!.GetValue<int>());
        Assert.Equal(["A", "B", "C"], (await _app.QueuedAsync(pixel)).Select(e => e.EventName));
        Assert.Equal((3, 0, 0), await _app.CountsAsync(pixel));
    }
}
