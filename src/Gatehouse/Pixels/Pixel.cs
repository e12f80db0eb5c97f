namespace Gatehouse.Pixels;

/// <summary>A Meta Pixel connected to an account; account usage counts these.</summary>
public sealed class Pixel
{
    /// <summary>The Meta Pixel id.</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Whether the gateway receives this pixel's events.</summary>
    public bool IsActive { get; set; }

    public DateTime CreatedAt { get; init; }
}
