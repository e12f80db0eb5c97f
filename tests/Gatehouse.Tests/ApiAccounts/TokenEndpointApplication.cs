using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.ApiAccounts;

/// <summary>
/// The application for tests of refused token requests. Every refusal counts towards the throttle, and the
/// test server reports no client address, so a class of such tests would otherwise throttle itself; the
/// throttle is tested on an application of its own.
/// </summary>
public sealed class TokenEndpointApplication : IAsyncLifetime
{
    public GatehouseApplication App { get; } = new();

    public Task InitializeAsync()
    {
        App.Settings["Tokens:FailureLimit"] = "1000";
        return App.InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
