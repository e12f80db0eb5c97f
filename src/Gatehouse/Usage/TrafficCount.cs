namespace Gatehouse.Usage;

/// <summary>
/// Events to add to one traffic bucket: one pixel, one minute, one event name and one site. Callers add
/// up their events into these first, so a batch of a thousand events of one kind costs one row.
/// </summary>
public sealed class TrafficCount
{
    public required string TenantId { get; init; }

    public required string PixelId { get; init; }

    /// <summary>The start of the minute, in UTC; <see cref="TrafficCounter.MinuteOf"/> computes it.</summary>
    public required DateTime Start { get; init; }

    public required string EventName { get; init; }

    public required string Site { get; init; }

    public long Received { get; set; }

    public long Published { get; set; }

    public long Dropped { get; set; }

    public long Rejected { get; set; }

    public long Failed { get; set; }

    public DateTime? LastReceivedAt { get; set; }

    public DateTime? LastPublishedAt { get; set; }
}
