using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary>
/// The application for intake tests: it reads pixels afresh on every request, so that a switch or filter
/// changed by a test applies to the next event at once, and it takes extra settings of the test class.
/// </summary>
public class IntakeApplication : IAsyncLifetime
{
    public GatehouseApplication App { get; } = new();

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public Task InitializeAsync()
    {
        App.Settings["Events:PixelCacheDuration"] = "00:00:00";
        Configure(App.Settings);
        return App.InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

/// <summary>An intake whose queue holds five events at most.</summary>
public sealed class SmallQueueApplication : IntakeApplication
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Events:MaxQueueDepth"] = "5";
}
