using System.Net;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>Two instances on one database take events for the same pixel at the same time.</summary>
public sealed class SharedIntakeTests
{
    [Fact]
    public async Task Intake_TwoInstancesAtOnce_CountsAndQueuesEveryEventOfBoth()
    {
        await using var database = new TestDatabase();
        await using var first = new GatehouseApplication(database);
        await using var second = new GatehouseApplication(database);
        await first.InitializeAsync();
        await second.InitializeAsync();
        var pixel = await first.ConnectSendingPixelAsync();
        using var toFirst = first.CreateClient();
        using var toSecond = second.CreateClient();
        var names = Enumerable.Repeat("Purchase", 50).ToArray();

        var sends = Enumerable.Range(0, 20).Select(async i =>
        {
            var client = i % 2 == 0 ? toFirst : toSecond;
            using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(first.Clock.GetUtcNow(), names));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(sends);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(1000, (await first.QueuedAsync(pixel)).Count);
        Assert.Equal((1000, 0, 0), await second.CountsAsync(pixel));
    }
}
