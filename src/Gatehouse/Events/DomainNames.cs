using System.Globalization;

namespace Gatehouse.Events;

/// <summary>Host names as domain filters store and compare them: lower case, ASCII, no trailing dot.</summary>
public static class DomainNames
{
    private const int MaxLabelLength = 63;

    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// The host in its stored form, or null when <paramref name="value"/> is not a bare host name: a scheme,
    /// path, port, user name, space or an empty or over-long label makes it invalid. International names
    /// become their ASCII (punycode) form, so that both spellings match the same filter.
    /// </summary>
    public static string? Normalize(string? value)
    {
        var host = value?.Trim().ToLowerInvariant() ?? "";
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (host.Length == 0 || !host.All(char.IsAscii) && !TryAscii(ref host))
        {
            return null;
        }

        return host.Length <= DomainFilter.MaxDomainLength && host.Split('.').All(IsLabel) ? host : null;
    }

    /// <summary>
    /// Whether <paramref name="site"/> is <paramref name="domain"/> or one of its subdomains, in any letter
    /// case and with or without a trailing dot; <paramref name="domain"/> is in its stored form.
    /// </summary>
    public static bool IsWithin(string site, string domain)
    {
        var host = site.AsSpan();
        if (host.EndsWith("."))
        {
            host = host[..^1];
        }

        if (!host.EndsWith(domain, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return host.Length == domain.Length || host[host.Length - domain.Length - 1] == '.';
    }

    private static bool TryAscii(ref string host)
    {
        try
        {
            host = Idn.GetAscii(host).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            // Not a valid international domain name, such as one with a symbol no label may hold.
            return false;
        }
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
