namespace Gatehouse.Events;

/// <summary>
/// What the publisher logs. Pixel ids, Graph API codes and trace ids only: never an access token, an
/// event, or a Graph API message (which can quote the request).
/// </summary>
public static partial class PublisherLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Publishing events to {BaseUrl} as {LeaseOwner}, {Parallelism} requests at a time",
        EventName = "PublisherStarted")]
    public static partial void Started(ILogger logger, string baseUrl, string leaseOwner, int parallelism);

    [LoggerMessage(2, LogLevel.Information,
        "Publishing is turned off (ConversionsApi:Enabled is false): queued events wait for an instance that publishes",
        EventName = "PublisherDisabled")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning,
        "Publishing {Count} events of pixel {PixelId} failed ({Reason}) on attempt {Attempt} of {MaxAttempts}; "
        + "{Spent} events used their last attempt and were counted as failed",
        EventName = "PublishRetrying")]
    public static partial void Retrying(
        ILogger logger, int count, string pixelId, string reason, int attempt, int maxAttempts, int spent);

    [LoggerMessage(4, LogLevel.Error,
        "The Conversions API refused the events of pixel {PixelId} for good ({Reason}); {Count} events were "
        + "counted as failed and the pixel shows apiErrorCode {ApiErrorCode}, badToken {BadToken}. Later "
        + "refusals with the same error are logged at Debug level only",
        EventName = "PublishRefused")]
    public static partial void Refused(
        ILogger logger, string pixelId, string reason, int count, string? apiErrorCode, bool badToken);

    [LoggerMessage(5, LogLevel.Debug,
        "The Conversions API refused {Count} more events of pixel {PixelId} ({Reason})",
        EventName = "PublishRefusedAgain")]
    public static partial void RefusedAgain(ILogger logger, int count, string pixelId, string reason);

    [LoggerMessage(6, LogLevel.Debug,
        "Dropped {Count} events of pixel {PixelId}: its publishing switch is off or a filter drops them",
        EventName = "PublishDropped")]
    public static partial void Dropped(ILogger logger, int count, string pixelId);

    [LoggerMessage(7, LogLevel.Error,
        "Publishing a batch of {Count} events of pixel {PixelId} failed; they are sent again once their leases lapse",
        EventName = "PublishBatchFailed")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string pixelId);

    [LoggerMessage(10, LogLevel.Error, "Leasing queued events failed; the publisher tries again shortly",
        EventName = "PublishLeaseFailed")]
    public static partial void LeaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information,
        "Gave back {Count} events that were being sent when publishing stopped; they are sent again later",
        EventName = "PublishReleased")]
    public static partial void Released(ILogger logger, int count);

    [LoggerMessage(9, LogLevel.Warning, "Counting the queued events failed; the queue depth may be off",
        EventName = "QueueDepthFailed")]
    public static partial void DepthFailed(ILogger logger, Exception exception);
}
