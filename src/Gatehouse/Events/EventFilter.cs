namespace Gatehouse.Events;

/// <summary>Publishes or drops one event name, for one pixel of an account or for all of them.</summary>
public sealed class EventFilter
{
    /// <summary>The <see cref="PixelId"/> of a filter that applies to every pixel of the account.</summary>
    public const string AllPixels = "";

    public required string TenantId { get; init; }

    public required string EventName { get; init; }

    /// <summary>The pixel the filter applies to, or <see cref="AllPixels"/>.</summary>
    public required string PixelId { get; init; }

    public FilterState State { get; set; }

    public DateTime UpdatedAt { get; set; }
}
