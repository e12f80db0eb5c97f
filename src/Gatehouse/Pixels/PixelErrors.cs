using Gatehouse.GraphQL;

namespace Gatehouse.Pixels;

/// <summary>The messages of pixel errors; none of them repeats an access token.</summary>
public static class PixelErrors
{
    public const int MaxAccessTokenLength = 1000;

    public static BadRequestError PixelIdInvalid(string field) => new(
        $"{field} must be a Meta Pixel ID: 1 to 32 digits.");

    public static BadRequestError PixelIdsEmpty(string field) => new(
        $"{field} must name at least one pixel, or be null for every pixel of the account.");

    public static BadRequestError Required(string field, int maxLength) => new(
        $"{field} must be 1 to {maxLength} characters once trimmed.");

    public static BadRequestError TooLong(string field, int maxLength) => new(
        $"{field} must be at most {maxLength} characters.");

    public static BadRequestError ApiVersionInvalid() => new(
        "input.apiVersion must be a Graph API version such as v17.0.");

    public static BadRequestError StatusInvalid(int status) => new(
        $"input.status must be 0 (deactivate) or 1 (activate); it is {status}.");

    public static BadRequestError TimeWindowInvalid(int minutes) => new(
        $"timeWindowMin must be 1 to {PixelConnections.MaxWindowMinutes} minutes; it is {minutes}.");

    public static NotFoundError NotFound(string pixelId) => new(
        $"Pixel {pixelId} is not connected to this account.");

    public static ConflictError ConnectedElsewhere(string pixelId) => new(
        $"Pixel {pixelId} is connected to another account; delete it there first.");

    public static ConflictError ConnectedConcurrently(string pixelId) => new(
        $"Pixel {pixelId} was connected by another request at the same time; read the account and try again.");
}
