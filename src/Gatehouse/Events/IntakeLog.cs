namespace Gatehouse.Events;

/// <summary>Refused events, with ids and reasons only: payloads and tokens are never logged.</summary>
public static partial class IntakeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Refused {Count} event(s) for pixel {PixelId} from {Source}: {Reason}",
        EventName = "EventsRefused")]
    public static partial void Refused(ILogger logger, int count, string pixelId, string source, string reason);

    [LoggerMessage(2, LogLevel.Warning,
        "Refused {Count} event(s) for pixel {PixelId}: the queue holds {Depth} events, its bound",
        EventName = "QueueFull")]
    public static partial void QueueFull(ILogger logger, int count, string pixelId, long depth);

    [LoggerMessage(3, LogLevel.Debug, "Stored {Queued} event(s) and dropped {Dropped} for pixel {PixelId}",
        EventName = "EventsStored")]
    public static partial void Stored(ILogger logger, int queued, int dropped, string pixelId);
}
