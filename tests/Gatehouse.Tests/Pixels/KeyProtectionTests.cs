using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Tests.Events;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Tests.Pixels;

/// <summary>
/// The Data Protection key ring that encrypts pixels' access tokens (and signs hub sessions) is stored in
/// the database: encrypted with the operator's certificate when one is configured, and with a warning at
/// start-up when not.
/// </summary>
public sealed class KeyProtectionTests
{
    private const string CertificatePassword = "test certificate password";

    [Fact]
    public async Task KeyRing_OperatorCertificate_IsStoredEncryptedAndTokensStillWork()
    {
        var path = WriteCertificate();
        var app = new GatehouseApplication();
        app.Settings["Hub:KeyCertificatePath"] = path;
        app.Settings["Hub:KeyCertificatePassword"] = CertificatePassword;
        try
        {
            await app.InitializeAsync();
            var pixel = await app.ConnectSendingPixelAsync();
            using var client = app.CreateClient();

            using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(app.Clock.GetUtcNow(), "Lead"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var keys = await KeyRingAsync(app);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
            Assert.All(keys, xml => Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task KeyRing_NoCertificate_IsStoredInClearAndStartUpSaysSo()
    {
        var logs = new LogRecorder();
        var app = new GatehouseApplication();
        app.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(logs));
        try
        {
            await app.InitializeAsync();
            await app.ConnectSendingPixelAsync();

            var keys = await KeyRingAsync(app);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("<value>", xml, StringComparison.Ordinal));
            var warning = Assert.Single(logs.Entries, e => e.EventName == "HubKeysUnencrypted");
            Assert.Contains("Hub:KeyCertificatePath", warning.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=Gatehouse test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"gatehouse-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, CertificatePassword));
        return path;
    }

    private static async Task<List<string>> KeyRingAsync(GatehouseApplication app)
    {
        var keys = new List<string>();
        await app.WithDbAsync(async db => keys = await db.DataProtectionKeys.AsNoTracking()
            .Select(k => k.Xml ?? "").ToListAsync());
        return keys;
    }
}
