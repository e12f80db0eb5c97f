using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.ApiAccounts;

/// <summary>
/// Random credentials and their hashes. Secrets and tokens carry 256 random bits, so a single SHA-256 is
/// enough to store them: unlike passwords, they cannot be guessed from a dictionary.
/// </summary>
public static class Secrets
{
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares in constant time, so response times do not reveal how much of a secret matched.</summary>
    public static bool Matches(string candidate, byte[] expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(candidate), expectedHash);
}
