using Microsoft.Extensions.Options;

namespace Gatehouse.Hub;

/// <summary>
/// Says at start-up whether the Data Protection keys (which sign hub sessions and encrypt pixels' access
/// tokens) are themselves encrypted, and where invitation links point.
/// </summary>
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
        [LoggerMessage(1, LogLevel.Warning,
            "The keys that sign hub sessions and encrypt pixel access tokens are kept in the database unencrypted; "
            + "set Hub:KeyCertificatePath to a PKCS#12 certificate to encrypt them",
            EventName = "HubKeysUnencrypted")]
        public static partial void KeysUnencrypted(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Invitation links start with {LinkBase} (Hub:PublicBaseUrl)",
            EventName = "HubLinkBase")]
        public static partial void LinkBase(ILogger logger, string linkBase);
    }
}
