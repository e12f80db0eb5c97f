using Microsoft.Extensions.Options;

namespace Gatehouse.Hub;

/// <summary>Says at start-up how the hub protects its session keys and where invitation links point.</summary>
public sealed partial class HubStartupNotice(IOptions<HubOptions> options, ILogger<HubStartupNotice> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var hub = options.Value;
        if (string.IsNullOrEmpty(hub.KeyCertificatePath))
        {
            Log.KeysUnencrypted(logger);
        }

        var linkBase = string.IsNullOrEmpty(hub.PublicBaseUrl) ? "the address of each request" : hub.PublicBaseUrl;
        Log.LinkBase(logger, linkBase);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "Hub session keys are kept in the database unencrypted; set Hub:KeyCertificatePath to encrypt them",
            EventName = "HubKeysUnencrypted")]
        public static partial void KeysUnencrypted(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Invitation links start with {LinkBase} (Hub:PublicBaseUrl)",
            EventName = "HubLinkBase")]
        public static partial void LinkBase(ILogger logger, string linkBase);
    }
}
