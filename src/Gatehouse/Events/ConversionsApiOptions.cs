namespace Gatehouse.Events;

/// <summary>
/// How accepted events are published to Meta's Conversions API (section <c>ConversionsApi</c>). Every
/// setting is checked when the server starts; a bad one stops it with a message naming the setting.
/// </summary>
public sealed class ConversionsApiOptions
{
    public const string SectionName = "ConversionsApi";

    /// <summary>The Conversions API accepts at most this many events in one request.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Whether this instance publishes; one that does not still accepts and stores events.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Graph API's address; tests and proxies point it elsewhere.</summary>
    public string BaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>The Graph API version for pixels connected without one, such as <c>v21.0</c>.</summary>
    public string DefaultApiVersion { get; set; } = "v21.0";

    /// <summary>Most events sent in one request, 1 to <see cref="MaxBatchSize"/>.</summary>
    public int BatchSize { get; set; } = MaxBatchSize;

    /// <summary>The longest one request may take before it counts as a failure worth retrying.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts, the first included, before an event that keeps failing is given up on.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The longest wait after the first failed attempt; it doubles with each further one.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts, however many failed before.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an instance holds the events it is sending. Events held by an instance that died are
    /// taken up by another once this has passed, so it must be well above <see cref="Timeout"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest the publisher waits before it looks for due events again when not woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many requests this instance sends at the same time.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How often the queue depth is counted again in the database.</summary>
    public TimeSpan QueueDepthRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
