using System.Net;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;
using Gatehouse.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Tests.Events;

/// <summary>
/// The application publishing to a fake Conversions API with every log entry recorded, down to Trace, so
/// that a test can read everything an operator could turn on.
/// </summary>
public sealed class RecordedPublishingApplication : IAsyncLifetime
{
    public GatehouseApplication App { get; } = new();

    public FakeConversionsApi Capi { get; private set; } = null!;

    public LogRecorder Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Capi = await FakeConversionsApi.StartAsync();
        PublishingApplication.Configure(App, Capi);
        App.Settings["Logging:LogLevel:Default"] = "Trace";
        App.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(Logs));
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Capi.DisposeAsync();
    }
}

/// <summary>Pixel access tokens are secrets: no log entry, at any level, carries one.</summary>
public sealed class SecretLoggingTests(RecordedPublishingApplication recorded)
    : IClassFixture<RecordedPublishingApplication>
{
    private readonly GatehouseApplication _app = recorded.App;

    [Fact]
    public async Task PixelToken_ConnectedSentPublishedAndRefused_AppearsInNoLogEntry()
    {
        const string WrongToken = "EAAWrongTokenSentByAMisconfiguredServer";
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var accepted = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"));
        await _app.WaitUntilDrainedAsync(pixel.PixelId);
        recorded.Capi.Script(pixel.PixelId, CapiAnswer.InvalidToken);
        using var refusedByMeta = await client.PostBatchAsync(pixel,
            IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Purchase"));
        await _app.WaitUntilDrainedAsync(pixel.PixelId);
        using var refused = await client.PostBatchAsync(pixel,
            IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"), WrongToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized),
            (accepted.StatusCode, refusedByMeta.StatusCode, refused.StatusCode));
        Assert.Equal([PixelSamples.AccessToken, PixelSamples.AccessToken],
            recorded.Capi.RequestsFor(pixel.PixelId).Select(r => r.AccessToken));
        Assert.Contains(recorded.Logs.Entries, e => e.Message.Contains(pixel.PixelId, StringComparison.Ordinal));
        Assert.DoesNotContain(recorded.Logs.Entries, e =>
            e.Message.Contains(PixelSamples.AccessToken, StringComparison.Ordinal)
            || e.Message.Contains(WrongToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PixelToken_NoLongerDecrypts_IsLoggedOnceNotForEveryBatch()
    {
        var (tenantId, pixelId) = await _app.ConnectPixelAsync();
        await _app.WithDbAsync(db => db.Pixels.Where(p => p.Id == pixelId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.ProtectedAccessToken, "sealed-by-a-lost-key")));

        await _app.EnqueueAsync(tenantId, pixelId, 3 * PublishingApplication.BatchSize);
        await _app.WaitUntilDrainedAsync(pixelId);

        Assert.Equal((0, 0, 9), await _app.CountsAsync(pixelId));
        var logged = recorded.Logs.Entries.Where(e => e.EventName == "PixelTokenUnreadable"
            && e.Message.Contains(pixelId, StringComparison.Ordinal));
        Assert.Single(logged);
    }
}
