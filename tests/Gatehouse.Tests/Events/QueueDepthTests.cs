using Gatehouse.Events;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Events;

/// <summary>
/// The queue depth follows the database on an instance that does not publish too: intake there refuses
/// events at the bound, and other instances publish what it took in.
/// </summary>
public sealed class QueueDepthTests
{
    [Fact]
    public async Task QueueDepth_InstanceNotPublishing_CountsEventsStoredAndRemovedElsewhere()
    {
        var app = new GatehouseApplication();
        app.Settings["ConversionsApi:QueueDepthRefreshInterval"] = "00:00:00.100";
        await app.InitializeAsync();
        var depth = app.Services.GetRequiredService<QueueDepth>();
        var (tenantId, pixelId) = await app.ConnectPixelAsync();

        await app.EnqueueAsync(tenantId, pixelId, 3);
        await QueueSeeding.WaitUntilAsync("the depth to count 3 events", () => Task.FromResult(depth.Current == 3));
        var queued = await app.QueuedAsync(pixelId);
        await app.WithDbAsync(db => db.QueuedEvents.Where(e => e.PixelId == pixelId).ExecuteDeleteAsync());
        await QueueSeeding.WaitUntilAsync("the depth to count none", () => Task.FromResult(depth.Current == 0));

        await ((IAsyncLifetime)app).DisposeAsync();
        Assert.All(queued, e => Assert.Equal((0, null), (e.Attempts, e.LeaseOwner)));
        Assert.Equal(3, queued.Count);
    }
}
