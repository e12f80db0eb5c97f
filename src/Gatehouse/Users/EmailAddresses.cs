using System.Net.Mail;

namespace Gatehouse.Users;

/// <summary>The one rule for email addresses: a plain address with a dotted domain, stored lower-cased.</summary>
public static class EmailAddresses
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        var email = input?.Trim() ?? "";
        normalized = email.ToLowerInvariant();
        return email.Length is > 0 and <= 254
            && MailAddress.TryCreate(email, out var address) && address.Address == email
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
