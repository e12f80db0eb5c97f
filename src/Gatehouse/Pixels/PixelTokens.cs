using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Gatehouse.Pixels;

/// <summary>
/// Encrypts pixels' Conversions API access tokens at rest. The keys are the Data Protection key ring kept in
/// the database, so every instance can read what another stored; someone who reads only the Pixels table
/// learns nothing about the tokens. The key ring itself is encrypted only when the operator names a
/// certificate (<c>Hub:KeyCertificatePath</c>); see docs/limitations.md.
/// </summary>
public sealed partial class PixelTokens(IDataProtectionProvider provider, ILogger<PixelTokens> logger)
{
    public const string Purpose = "Gatehouse.Pixels.AccessToken";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    private readonly ConcurrentDictionary<string, byte> _unreadable = new(StringComparer.Ordinal);

    public string Protect(string accessToken) => _protector.Protect(accessToken);

    /// <summary>
    /// The pixel's token in clear, or null when none is stored or the key ring no longer opens it (a key
    /// ring that was lost, or a certificate that changed). Such a pixel then behaves as one without a
    /// token until a new token is stored through <c>setupPixelSignalConfig</c>, rather than failing every
    /// request that touches it.
    /// </summary>
    public string? Read(string pixelId, string? protectedToken)
    {
        if (protectedToken is null)
        {
            return null;
        }

        try
        {
            var token = _protector.Unprotect(protectedToken);
            _unreadable.TryRemove(pixelId, out _);
            return token;
        }
        catch (CryptographicException exception)
        {
            // Once per pixel until its token reads again, not on every batch and every intake refresh.
            if (_unreadable.TryAdd(pixelId, 0))
            {
                Log.Unreadable(logger, exception, pixelId);
            }

            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error,
            "The access token of pixel {PixelId} cannot be decrypted with the current key ring; store it again",
            EventName = "PixelTokenUnreadable")]
        public static partial void Unreadable(ILogger logger, Exception exception, string pixelId);
    }
}
