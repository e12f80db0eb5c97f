namespace Gatehouse.Events;

/// <summary>
/// Publishes or drops the events sent from one website, for one pixel of an account or for all of them.
/// </summary>
public sealed class DomainFilter
{
    /// <summary>The <see cref="PixelId"/> of a filter that applies to every pixel of the account.</summary>
    public const string AllPixels = "";

    public const int MaxDomainLength = 253;

    public required string TenantId { get; init; }

    /// <summary>A bare host name in lower case, such as <c>example.com</c>.</summary>
    public required string Domain { get; init; }

    /// <summary>The pixel the filter applies to, or <see cref="AllPixels"/>.</summary>
    public required string PixelId { get; init; }

    public FilterState State { get; set; }

    public DateTime UpdatedAt { get; set; }
}
