using System.Text.RegularExpressions;

namespace Gatehouse.Routing;

/// <summary>Host names of data routing: which are accepted, and the one form they are stored and compared in.</summary>
public static partial class HostNames
{
    /// <summary>
    /// The canonical form of <paramref name="value"/> (trimmed, lower case, without the final dot of an
    /// absolute name) when it is a DNS host name of at least two labels; null otherwise.
    /// </summary>
    public static string? Normalize(string? value)
    {
        var host = value is null ? "" : Canonical(value.Trim());
        if (host.Length is 0 or > IngressDomain.MaxHostLength)
        {
            return null;
        }

        var labels = host.Split('.');

        // No top-level domain is all digits, so this also keeps IPv4 addresses out.
        return labels.Length >= 2 && labels.All(Label().IsMatch) && !labels[^1].All(char.IsAsciiDigit)
            ? host
            : null;
    }

    /// <summary>Lower case, without the final dot: the form in which two names are compared.</summary>
    public static string Canonical(string name) =>
        (name.EndsWith('.') ? name[..^1] : name).ToLowerInvariant();

    // RFC 1123: letters, digits and inner hyphens, 1 to 63 characters. \z, since $ would let a final newline in.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z")]
    private static partial Regex Label();
}
