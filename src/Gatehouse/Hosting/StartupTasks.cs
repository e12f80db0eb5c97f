using Gatehouse.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gatehouse.Hosting;

/// <summary>
/// Prepares the database before the server accepts requests (hosted services start before Kestrel), and
/// says where the server listens once it does.
/// </summary>
public sealed partial class StartupTasks(
    DatabaseMigrator migrator,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await migrator.PrepareForServingAsync(cancellationToken);
        }
        catch (DatabaseNotReadyException ex)
        {
            Log.DatabaseNotReady(logger, ex.Message);
            throw;
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Log.Listening(logger, string.Join(", ", addresses));
        });
        lifetime.ApplicationStopping.Register(() => Log.Stopping(logger));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Critical, "Gatehouse cannot start: {Reason}", EventName = "DatabaseNotReady")]
        public static partial void DatabaseNotReady(ILogger logger, string reason);

        [LoggerMessage(1, LogLevel.Information, "Gatehouse is listening on {Addresses}", EventName = "Listening")]
        public static partial void Listening(ILogger logger, string addresses);

        [LoggerMessage(2, LogLevel.Information, "Gatehouse is stopping; requests under way are allowed to finish",
            EventName = "Stopping")]
        public static partial void Stopping(ILogger logger);
    }
}
