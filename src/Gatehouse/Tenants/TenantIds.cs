using System.Security.Cryptography;

namespace Gatehouse.Tenants;

/// <summary>Account ids: eight random letters and digits, like the ids in Meta's samples.</summary>
public static class TenantIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 8);
}
