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

    /// <summary>
    /// A list argument of pixel IDs, each valid and named once; null stays null (every pixel of the account),
    /// an empty list is refused because it could only mean "no pixel".
    /// </summary>
    public static List<string>? ValidList(string field, string[]? ids)
    {
        if (ids is null)
        {
            return null;
        }

        return ids.Length == 0
            ? throw PixelErrors.PixelIdsEmpty(field)
            : [.. ids.Select(id => Valid(field, id)).Distinct(StringComparer.Ordinal)];
    }
}
