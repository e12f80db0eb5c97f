namespace Gatehouse.Events;

/// <summary>Limits of the event intake (<c>Events</c> section): what an event may be and how many may wait.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Events";

    /// <summary>The Conversions API's own limit on events in one request.</summary>
    public const int MaxEventsPerRequest = 1000;

    /// <summary>
    /// The most accepted events that may wait to be published. At the bound the intake answers 503 with
    /// <c>Retry-After</c> and stores nothing, so a Conversions API outage cannot fill the disk.
    /// </summary>
    public long MaxQueueDepth { get; set; } = 1_000_000;

    /// <summary>The oldest <c>event_time</c> accepted; the Conversions API refuses events older than 7 days.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How far in the future an <c>event_time</c> may be, for senders whose clocks run ahead.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest single event, as JSON.</summary>
    public int MaxEventBytes { get; set; } = 32 * 1024;

    /// <summary>The largest body of <c>POST /capi/{pixelId}/events</c>.</summary>
    public int MaxBatchBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long the intake keeps what it read of a pixel (switches, token, filters). A change made through the
    /// API takes effect on every instance within this time.
    /// </summary>
    public TimeSpan PixelCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
