namespace Gatehouse.Events;

/// <summary>
/// An accepted event waiting to be published to the Conversions API. The row is written before the
/// sender is answered and removed only once the event is published, dropped or given up on, so a crash
/// loses nothing that was acknowledged and a restart resumes what was pending.
/// </summary>
public sealed class QueuedEvent
{
    /// <summary>Increasing with arrival, so each pixel's events are published in the order they came.</summary>
    public long Id { get; init; }

    public required string PixelId { get; init; }

    public required string TenantId { get; init; }

    public required string EventName { get; init; }

    /// <summary>The host of the page that sent the event; empty when it named none.</summary>
    public string Site { get; init; } = "";

    public DateTime ReceivedAt { get; init; }

    /// <summary>The event in the Conversions API's server event format, as JSON.</summary>
    public required string Payload { get; init; }

    /// <summary>How many times publishing was tried and failed for a reason worth retrying.</summary>
    public int Attempts { get; set; }

    /// <summary>Not published before this time: the backoff after a failed attempt.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The publisher instance that holds the event while it sends it; null when free.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When a lease lapses, so that the events of an instance that died are taken up by another.</summary>
    public DateTime? LeaseExpiresAt { get; set; }
}
