namespace Gatehouse.Usage;

/// <summary>
/// Events counted for one pixel, one event name and one site during one minute. Usage windows, pixel
/// counters and event metrics add buckets up, so a window of any length in whole minutes is answered
/// from the same rows. Every instance adds to the same rows with an upsert, so counting holds when
/// several instances share a database.
/// </summary>
public sealed class TrafficBucket
{
    /// <summary>The longest event name the gateway counts; longer names are refused at the door.</summary>
    public const int MaxEventNameLength = 100;

    /// <summary>The longest site (host name) the gateway counts.</summary>
    public const int MaxSiteLength = 253;

    public required string PixelId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The start of the minute, in UTC.</summary>
    public DateTime Start { get; init; }

    /// <summary>The event name, as the sender spelled it.</summary>
    public string EventName { get; init; } = "";

    /// <summary>The host of the page that sent the events; empty when the events named none.</summary>
    public string Site { get; init; } = "";

    /// <summary>Events accepted and stored for publishing.</summary>
    public long EventsReceived { get; set; }

    /// <summary>Events the Conversions API accepted.</summary>
    public long EventsPublished { get; set; }

    /// <summary>Events not published on purpose: the publishing switch, an event filter or a domain filter.</summary>
    public long EventsDropped { get; set; }

    /// <summary>Events refused at the door for a known pixel: too old, in the future, too large, malformed.</summary>
    public long EventsRejected { get; set; }

    /// <summary>Events the Conversions API refused for good, or that ran out of attempts.</summary>
    public long PublishFailures { get; set; }

    /// <summary>When the last event of this bucket was received, in UTC.</summary>
    public DateTime? LastReceivedAt { get; set; }

    /// <summary>When the last event of this bucket was published, in UTC.</summary>
    public DateTime? LastPublishedAt { get; set; }
}
