namespace Gatehouse.Usage;

/// <summary>What an account uses: its pixels and pipelines, and its traffic during the usage window.</summary>
public sealed record TenantUsage(
    IReadOnlyList<string> PixelIds,
    int ActivePixels,
    int TotalPipelines,
    int ActivePipelines,
    TrafficUsage Traffic)
{
    public int TotalPixels => PixelIds.Count;

    public int InactivePixels => TotalPixels - ActivePixels;
}

/// <summary>
/// Traffic of one account in the window of <see cref="DurationInHours"/> that ended at <see cref="ComputedAt"/>.
/// </summary>
public sealed record TrafficUsage(
    long TotalEventsReceived,
    int PixelsWithTraffic,
    bool PublishError,
    int DurationInHours,
    DateTime ComputedAt);
