using System.Security.Cryptography;

namespace Gatehouse.Tenants;

/// <summary>Account ids: eight random letters and digits, like the ids in Meta's samples.</summary>
public static class TenantIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 8);

    /// <summary>Whether the text has the shape of an account id (accounts created elsewhere may differ).</summary>
    public static bool IsWellFormed(string text) =>
        text.Length is > 0 and <= 8 && text.All(char.IsAsciiLetterOrDigit);
}
