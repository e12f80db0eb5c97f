namespace Gatehouse.Pixels;

/// <summary>A Meta Pixel connected to an account; account usage counts these.</summary>
public sealed class Pixel
{
    public const int MaxNameLength = 100;

    public const int MaxBusinessIdLength = 64;

    public const int MaxExternalIdLength = 256;

    public const int MaxApiVersionLength = 16;

    public const int MaxApiErrorCodeLength = 32;

    /// <summary>The Meta Pixel id.</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Whether the gateway receives this pixel's events.</summary>
    public bool IsActive { get; set; }

    /// <summary>Whether the gateway may publish the events it receives to the Conversions API.</summary>
    public bool IsPublishing { get; set; }

    public string? Name { get; set; }

    /// <summary>The Meta business that owns the pixel.</summary>
    public string BusinessId { get; set; } = "";

    /// <summary>The Meta Business Extension's external business id; may be empty.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>The Graph API version to publish with, such as <c>v17.0</c>; null for the gateway's default.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>
    /// The Conversions API access token, encrypted with Data Protection (see <c>PixelTokens</c>).
    /// It is never returned by the API and never logged.
    /// </summary>
    public string? ProtectedAccessToken { get; set; }

    /// <summary>
    /// The last permanent Conversions API error as <c>&lt;code&gt;.&lt;subcode&gt;</c>; null after a success.
    /// </summary>
    public string? ApiErrorCode { get; set; }

    /// <summary>Whether the Graph API refused the stored access token; cleared when a new token is stored.</summary>
    public bool BadToken { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}
