namespace Gatehouse.Usage;

/// <summary>
/// Events counted for one pixel during one minute. Usage windows add buckets up, so a window of
/// any length in whole minutes is answered from the same rows.
/// </summary>
public sealed class TrafficBucket
{
    public required string PixelId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The start of the minute, in UTC.</summary>
    public DateTime Start { get; init; }

    public long EventsReceived { get; set; }

    public long PublishFailures { get; set; }
}
