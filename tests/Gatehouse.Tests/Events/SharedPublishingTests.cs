using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>Two publishing instances on one database, as when several instances share a PostgreSQL server.</summary>
public sealed class SharedPublishingTests
{
    [Fact]
    public async Task Publish_TwoInstancesOnOneDatabase_SendEachEventOnce()
    {
        await using var database = new TestDatabase();
        await using var capi = await FakeConversionsApi.StartAsync();
        await using var first = new GatehouseApplication(database);
        await using var second = new GatehouseApplication(database);
        PublishingApplication.Configure(first, capi);
        PublishingApplication.Configure(second, capi);
        await first.InitializeAsync();
        await second.InitializeAsync();
        List<(string PixelId, List<string> EventIds)> sent = [];
        for (var i = 0; i < 8; i++)
        {
            var (tenantId, pixelId) = await first.ConnectPixelAsync();
            sent.Add((pixelId, await first.EnqueueAsync(tenantId, pixelId, 7)));
        }

        foreach (var (pixelId, _) in sent)
        {
            await second.WaitUntilDrainedAsync(pixelId);
        }

        foreach (var (pixelId, eventIds) in sent)
        {
            Assert.Equal(eventIds.Order(), capi.AcceptedEventIds(pixelId).Order());
            Assert.Equal((7, 0, 0), await first.CountsAsync(pixelId));
        }

        Assert.Equal(8 * 3, capi.Requests.Count);
    }
}
