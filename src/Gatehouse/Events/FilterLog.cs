namespace Gatehouse.Events;

/// <summary>Control-plane changes to event and domain filters, with ids only.</summary>
public static partial class FilterLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Filter {FilterId} of account {TenantId} set to {State} for pixels {PixelIds} by {ActorName}",
        EventName = "FilterChanged")]
    public static partial void Changed(
        ILogger logger,
        string filterId,
        string tenantId,
        FilterState state,
        string pixelIds,
        string actorName);
}
