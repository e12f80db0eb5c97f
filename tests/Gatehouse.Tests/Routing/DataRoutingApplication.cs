using System.Globalization;
using Gatehouse.Routing;
using Gatehouse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Tests.Routing;

/// <summary>
/// The application with DNS answered by a <see cref="FakeCnameResolver"/>, a short check timeout, and an
/// interval so long that the background service never starts a round while tests run: tests run rounds
/// themselves through <see cref="RunRecheckRoundAsync"/>.
/// </summary>
public abstract class DataRoutingApplication(int checksPerRound) : IAsyncLifetime
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    public GatehouseApplication App { get; } = new();

    public FakeCnameResolver Dns { get; } = new();

    public LogRecorder Logs { get; } = new();

    public Task InitializeAsync()
    {
        App.Settings["Routing:CnameCheckInterval"] = Interval.ToString("c", CultureInfo.InvariantCulture);
        App.Settings["Routing:CnameCheckTimeout"] = "00:00:00.200";
        App.Settings["Routing:CnameChecksPerRound"] = checksPerRound.ToString(CultureInfo.InvariantCulture);
        App.ServiceOverrides.Add(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<ICnameResolver>(Dns));
            services.AddSingleton<ILoggerProvider>(Logs);
        });
        return App.InitializeAsync();
    }

    public Task<int> RunRecheckRoundAsync() =>
        App.Services.GetRequiredService<CnameRechecker>().RunRoundAsync(CancellationToken.None);

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

/// <summary>Data routing with the default round size.</summary>
public sealed class RoutingApplication() : DataRoutingApplication(checksPerRound: 100);

/// <summary>Data routing whose background rounds check at most two ingresses each.</summary>
public sealed class SmallRoundsApplication() : DataRoutingApplication(checksPerRound: 2);
