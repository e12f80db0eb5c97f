using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>
/// The application publishing to a <see cref="FakeConversionsApi"/> of its own, with batches of
/// <see cref="BatchSize"/>, <see cref="MaxAttempts"/> attempts and short waits, so that tests see every
/// step; the backoff waits are on the application's <see cref="TestClock"/>, which tests move.
/// </summary>
public sealed class PublishingApplication : IAsyncLifetime
{
    public const int BatchSize = 3;

    public const int MaxAttempts = 3;

    public const string DefaultApiVersion = "v21.0";

    /// <summary>The first retry comes at most this long after a failure, the next at most twice as long.</summary>
    public static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan BackoffCap = TimeSpan.FromMinutes(1);

    public GatehouseApplication App { get; private set; } = null!;

    public FakeConversionsApi Capi { get; private set; } = null!;

    /// <summary>The settings that point an application at <paramref name="capi"/>, with short waits.</summary>
    public static void Configure(GatehouseApplication app, FakeConversionsApi capi)
    {
        app.Settings["ConversionsApi:Enabled"] = "true";
        app.Settings["ConversionsApi:BaseUrl"] = capi.BaseUrl;
        app.Settings["ConversionsApi:DefaultApiVersion"] = DefaultApiVersion;
        app.Settings["ConversionsApi:BatchSize"] = "3";
        app.Settings["ConversionsApi:MaxAttempts"] = "3";
        app.Settings["ConversionsApi:BackoffBase"] = BackoffBase.ToString();
        app.Settings["ConversionsApi:BackoffCap"] = BackoffCap.ToString();
        app.Settings["ConversionsApi:Timeout"] = "00:00:10";
        app.Settings["ConversionsApi:PollInterval"] = "00:00:00.050";
        app.Settings["ConversionsApi:QueueDepthRefreshInterval"] = "00:00:00.100";
    }

    public async Task InitializeAsync()
    {
        Capi = await FakeConversionsApi.StartAsync();
        App = new GatehouseApplication();
        Configure(App, Capi);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Capi.DisposeAsync();
    }
}
