namespace Gatehouse.Usage;

/// <summary>Account usage (configuration section <c>Usage</c>).</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>Length of the traffic window that <c>tenantUsageByTraffic</c> reports, in hours.</summary>
    public int TrafficWindowHours { get; set; } = 24;
}
