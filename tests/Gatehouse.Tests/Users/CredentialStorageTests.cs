using System.Security.Cryptography;
using System.Text;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Users.InvitationLinks;
using static Gatehouse.Tests.Users.InvitationRequests;

namespace Gatehouse.Tests.Users;

/// <summary>
/// What the database keeps of invitation tokens and passwords (hashes only, so a copy of it lets nobody
/// sign up or sign in as someone else), and how long an invitation lasts when the lifetime is configured.
/// </summary>
public sealed class CredentialStorageTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string NewPassword = "my very own password";

    [Fact]
    public async Task AddUserWithRole_NewUser_StoresOnlyTheSha256OfTheLinksToken()
    {
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var email = NewEmail();

        var link = InvitationLinkOf(await api.AddUserWithRoleAsync(email, $"advertiser-view-{x}"));

        var token = new Uri(link).Query.Split('&')[0]["?token=".Length..];
        var stored = await InvitationOfAsync(email);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored!.TokenHash);
        Assert.NotEqual(Encoding.UTF8.GetBytes(token), stored.TokenHash);
    }

    [Fact]
    public async Task Invitation_PasswordSet_StoresAPbkdf2HashThatIsNotThePassword()
    {
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var email = NewEmail();
        var path = InvitationLinkOf(await api.AddUserWithRoleAsync(email, $"advertiser-view-{x}"))
            .ShouldBeInvitationFor(email);
        using var browser = app.CreateBrowserClient();

        using var response = await browser.AcceptAsync(path, NewPassword);

        var user = await UserAsync(email);
        Assert.DoesNotContain(NewPassword, user.PasswordHash, StringComparison.Ordinal);
        // Version 3 of ASP.NET Core Identity's format: PBKDF2 with HMAC-SHA512 and a random salt.
        Assert.Equal(0x01, Convert.FromBase64String(user.PasswordHash!)[0]);
        Assert.Equal(
            PasswordVerificationResult.Success,
            new PasswordHasher<User>().VerifyHashedPassword(user, user.PasswordHash!, NewPassword));
        Assert.Null(await InvitationOfAsync(email));
    }

    [Fact]
    public async Task Invitation_LifetimeConfigured_WorksUntilThatLifetimeHasPassed()
    {
        var shortLived = new GatehouseApplication();
        shortLived.Settings["Hub:InvitationLifetime"] = "1.00:00:00";
        await shortLived.InitializeAsync();
        var x = await shortLived.AddTenantAsync();
        using var api = await shortLived.CreateApiClientAsync();
        var email = NewEmail();
        var path = InvitationLinkOf(await api.AddUserWithRoleAsync(email, $"advertiser-view-{x}"))
            .ShouldBeInvitationFor(email);
        using var browser = shortLived.CreateBrowserClient();

        shortLived.Clock.Advance(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        var nearlyOver = await browser.GetStringAsync(path);
        shortLived.Clock.Advance(TimeSpan.FromMinutes(2));
        var afterIt = await browser.GetStringAsync(path);

        await ((IAsyncLifetime)shortLived).DisposeAsync();
        Assert.Contains(SetPasswordHeading, nearlyOver, StringComparison.Ordinal);
        Assert.Contains(BrokenLinkHeading, afterIt, StringComparison.Ordinal);
    }

    private async Task<Invitation?> InvitationOfAsync(string email)
    {
        Invitation? invitation = null;
        await app.WithDbAsync(async db => invitation = await db.Invitations.AsNoTracking()
            .SingleOrDefaultAsync(i => db.Users.Any(u => u.Id == i.UserId && u.Email == email)));
        return invitation;
    }

    private async Task<User> UserAsync(string email)
    {
        User? user = null;
        await app.WithDbAsync(async db => user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        return user!;
    }
}
