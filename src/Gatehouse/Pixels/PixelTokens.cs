using Microsoft.AspNetCore.DataProtection;

namespace Gatehouse.Pixels;

/// <summary>
/// Encrypts pixels' Conversions API access tokens at rest. The keys are the Data Protection key ring kept in
/// the database, so every instance can read what another stored; someone who reads only the Pixels table
/// learns nothing about the tokens.
/// </summary>
public sealed class PixelTokens(IDataProtectionProvider provider)
{
    public const string Purpose = "Gatehouse.Pixels.AccessToken";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string accessToken) => _protector.Protect(accessToken);

    public string Unprotect(string protectedToken) => _protector.Unprotect(protectedToken);
}
