namespace Gatehouse.Pixels;

public static class PixelIds
{
    public const int MaxLength = 32;

    /// <summary>A Meta Pixel ID is a number; anything else is refused before it reaches the database.</summary>
    public static string Valid(string field, string? id)
    {
        var trimmed = id?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxLength || !trimmed.All(char.IsAsciiDigit))
        {
            throw PixelErrors.PixelIdInvalid(field);
        }

        return trimmed;
    }
}
