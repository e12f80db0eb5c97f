namespace Gatehouse.Pixels;

/// <summary>Control-plane changes to pixels, with ids only: access tokens are never logged.</summary>
public static partial class PixelLog
{
    [LoggerMessage(1, LogLevel.Information, "Pixel {PixelId} connected to account {TenantId} by {ActorName}",
        EventName = "PixelConnected")]
    public static partial void Connected(ILogger logger, string pixelId, string tenantId, string actorName);

    [LoggerMessage(2, LogLevel.Information, "Pixel {PixelId} of account {TenantId} set up again by {ActorName}",
        EventName = "PixelReconnected")]
    public static partial void Reconnected(ILogger logger, string pixelId, string tenantId, string actorName);

    [LoggerMessage(3, LogLevel.Information, "Pixel {PixelId} removed from account {TenantId} by {ActorName}",
        EventName = "PixelDeleted")]
    public static partial void Deleted(ILogger logger, string pixelId, string tenantId, string actorName);

    [LoggerMessage(4, LogLevel.Information,
        "Pixel {PixelId} of account {TenantId}: {Switch} set to {Enabled} by {ActorName}",
        EventName = "PixelSwitched")]
    public static partial void Switched(
        ILogger logger,
        string pixelId,
        string tenantId,
        string @switch,
        bool enabled,
        string actorName);
}
