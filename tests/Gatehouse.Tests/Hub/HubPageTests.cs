using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Hub;

/// <summary>The hub's pages over HTTP: what each role sees and what its forms change.</summary>
public sealed partial class HubPageTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task AccountPage_ViewOnlyUser_ShowsAccountWithoutForms()
    {
        var x = await app.AddTenantAsync(name: "Viewed Shop");
        using var client = await app.CreateHubClientAsync($"advertiser-view-{x}");

        var page = await client.GetStringAsync($"/hub/accounts/{x}");

        Assert.Contains("<h1>Viewed Shop</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Invite a user", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete this account", page, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_UnmanagedAccountAndHostAdmin_IsNotFound()
    {
        var u = await app.AddTenantAsync(name: "Private Shop", canPartnerManage: false);
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var response = await client.GetAsync($"/hub/accounts/{u}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AccountPage_AdminInvites_ShowsOneTimeLinkAndAddsPendingUser()
    {
        var x = await app.AddTenantAsync(name: "Inviting Shop");
        using var client = await app.CreateHubClientAsync($"advertiser-admin-{x}");
        var email = AccountSeeding.NewEmail();
        var token = await client.GetFormTokenAsync($"/hub/accounts/{x}");

        using var posted = await client.PostFormAsync(
            $"/hub/accounts/{x}?handler=Invite", new() { ["email"] = email, ["role"] = "view" }, token);
        var page = await client.GetStringAsync(posted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var link = WebUtility.HtmlDecode(InvitationLink().Match(page).Groups[1].Value);
        Assert.StartsWith("http://localhost/auth/verify/?token=", link, StringComparison.Ordinal);
        Assert.EndsWith($"&et=inv&email={email}", link, StringComparison.Ordinal);
        var user = await StoredUserAsync(email);
        Assert.Equal(UserStatus.Pending, user!.Status);
        Assert.Equal([(x, RoleAction.View)], user.Roles.Select(r => (r.TenantId!, r.Action)));
    }

    [Fact]
    public async Task AccountPage_DeleteWithWrongName_KeepsAccountAndSaysWhy()
    {
        var x = await app.AddTenantAsync(name: "Kept Shop");
        using var client = await app.CreateHubClientAsync($"advertiser-admin-{x}");
        var token = await client.GetFormTokenAsync($"/hub/accounts/{x}");

        using var posted = await client.PostFormAsync(
            $"/hub/accounts/{x}?handler=Delete", new() { ["confirmName"] = "Kept Sho" }, token);
        var page = await client.GetStringAsync(posted.Headers.Location!.OriginalString);

        Assert.Contains("Type the account&#x27;s name exactly", page, StringComparison.Ordinal);
        Assert.True(await TenantExistsAsync(x));
    }

    [Fact]
    public async Task AccountPage_DeleteWithName_DeletesAndReturnsToTheList()
    {
        var x = await app.AddTenantAsync(name: "Gone Shop");
        using var client = await app.CreateHubClientAsync("agency-admin");
        var token = await client.GetFormTokenAsync($"/hub/accounts/{x}");

        using var posted = await client.PostFormAsync(
            $"/hub/accounts/{x}?handler=Delete", new() { ["confirmName"] = "Gone Shop" }, token);

        Assert.Equal("/hub/", posted.Headers.Location?.OriginalString);
        Assert.False(await TenantExistsAsync(x));
    }

    [Fact]
    public async Task NewAccountPage_HostAdmin_CreatesManagedAccountAndOpensIt()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var posted = await client.PostFormAsync(
            "/hub/accounts/new", new() { ["Name"] = "Fresh Shop", ["CanPartnerManage"] = "true" });
        var page = await client.GetStringAsync(posted.Headers.Location!.OriginalString);

        Assert.Matches("^/hub/accounts/[A-Za-z0-9]{8}$", posted.Headers.Location.OriginalString);
        Assert.Contains("<h1>Fresh Shop</h1>", page, StringComparison.Ordinal);
        Assert.Contains("The account Fresh Shop was created.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewAccountPage_HostViewer_IsRefused()
    {
        using var client = await app.CreateHubClientAsync("agency-view");

        using var response = await client.GetAsync("/hub/accounts/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hub/denied", response.Headers.Location!.AbsolutePath);
        Assert.Contains("<h1>Not allowed</h1>", await client.GetStringAsync("/hub/denied"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiAccountsPage_WrongPassword_AddsNothing()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");
        var name = "w" + Guid.NewGuid().ToString("N")[..12];

        using var response = await client.PostFormAsync(
            "/hub/settings/clients?handler=Add",
            new() { ["Name"] = name, ["Password"] = "not the password" },
            await client.GetFormTokenAsync("/hub/settings/clients"));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Your password is not right, so no API account was added.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("api-secret", page, StringComparison.Ordinal);
        Assert.False(await ApiAccountExistsAsync(name));
    }

    [Fact]
    public async Task ApiAccountsPage_RightPassword_ShowsSecretOnceThatGetsAToken()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");
        var name = "r" + Guid.NewGuid().ToString("N")[..12];

        using var response = await client.PostFormAsync(
            "/hub/settings/clients?handler=Add",
            new() { ["Name"] = name, ["Password"] = HubUsers.Password },
            await client.GetFormTokenAsync("/hub/settings/clients"));

        var secret = ApiSecret().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        var token = await app.GetTokenAsync(name, secret);
        var later = await client.GetStringAsync("/hub/settings/clients");
        Assert.NotEmpty(token);
        Assert.Contains($"<code>{name}</code>", later, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, later, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agency-manage")]
    [InlineData("agency-view")]
    public async Task ApiAccountsPage_NotHostAdmin_IsRefused(string role)
    {
        using var client = await app.CreateHubClientAsync(role);

        using var response = await client.GetAsync("/hub/settings/clients");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hub/denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task HostUsersPage_HostViewer_ListsUsersWithoutForms()
    {
        var adminEmail = HubUsers.NewEmail();
        await app.AddHubUserAsync(adminEmail, HubUsers.Password, "agency-admin");
        using var viewer = await app.CreateHubClientAsync("agency-view");

        var page = await viewer.GetStringAsync("/hub/users");

        Assert.Contains("<h1>Host users</h1>", page, StringComparison.Ordinal);
        var row = Regex.Match(page, $"<tr>\\s*<td>{Regex.Escape(adminEmail)}.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "The host admin is not listed.");
        Assert.Contains("Admin", row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Invite a host user", page, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubPages_AnyResponse_CarriesSecurityHeaders()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var response = await client.GetAsync("/hub/");

        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/hub/")]
    [InlineData("/hub/settings/clients")]
    [InlineData("/hub/settings/api-reference")]
    [InlineData("/hub/denied")]
    [InlineData("/hub/graphql/schema.graphql")]
    [InlineData("/auth/login")]
    [InlineData("/auth/verify/?token=unknown&et=inv&email=someone@example.com")]
    public async Task HubPages_AnyResponse_ForbidsStoringIt(string path)
    {
        // Hub pages show secrets once (a new API account's secret, invitation links); a browser or proxy
        // cache could otherwise keep them and replay them to whoever opens the page again.
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must say Cache-Control: no-store.");
    }

    [Fact]
    public async Task ApiAccountsPage_SecretShown_ForbidsStoringIt()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");
        var name = "c" + Guid.NewGuid().ToString("N")[..12];

        using var response = await client.PostFormAsync(
            "/hub/settings/clients?handler=Add",
            new() { ["Name"] = name, ["Password"] = HubUsers.Password },
            await client.GetFormTokenAsync("/hub/settings/clients"));

        Assert.Contains("api-secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "The page with the secret must say no-store.");
    }

    [Fact]
    public async Task HubApi_AnswerWithInvitationLink_ForbidsStoringIt()
    {
        var x = await app.AddTenantAsync();
        var input = new { email = AccountSeeding.NewEmail(), roleName = $"advertiser-view-{x}" };
        using var client = await app.CreateApiClientAsync();
        using var request = JsonContent.Create(new
        {
            query = "mutation ($input: AddUserWithRoleInput!) "
                + "{ userMutations { addUserWithRole(input: $input) { invitationLink } } }",
            variables = new { input },
        });

        using var response = await client.PostAsync("/hub/graphql/", request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("/auth/verify/?token=", body, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "The answer with the link must say no-store.");
    }

    [Fact]
    public async Task UserFlags_SignedInAdmin_SeesSelfAndWhomTheyMayRemove()
    {
        var x = await app.AddTenantAsync(name: "Flag Shop");
        var soleAdmin = "a-" + AccountSeeding.NewEmail();
        var viewer = "b-" + AccountSeeding.NewEmail();
        await app.AddUserAsync(soleAdmin, x, (x, RoleAction.Admin));
        await app.AddUserAsync(viewer, x, (x, RoleAction.View));
        var self = "c-" + HubUsers.NewEmail();
        await app.AddHubUserAsync(self, HubUsers.Password, "agency-admin", $"advertiser-manage-{x}");
        using var client = await app.SignInAsync(self, HubUsers.Password);

        var response = await client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { users { email isSelf canBeDeleted } } }",
            $$"""{"id":"{{x}}"}""");

        response.ShouldBe($$"""
            {"data":{"tenant":{"users":[
              {"email":"{{soleAdmin}}","isSelf":false,"canBeDeleted":false},
              {"email":"{{viewer}}","isSelf":false,"canBeDeleted":true},
              {"email":"{{self}}","isSelf":true,"canBeDeleted":false}]} } }
            """);
    }

    private async Task<User?> StoredUserAsync(string email)
    {
        User? user = null;
        await app.WithDbAsync(async db => user = await db.Users.AsNoTracking().Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Email == email));
        return user;
    }

    private async Task<bool> TenantExistsAsync(string id)
    {
        var exists = false;
        await app.WithDbAsync(async db => exists = await db.Tenants.AnyAsync(t => t.Id == id));
        return exists;
    }

    private async Task<bool> ApiAccountExistsAsync(string name)
    {
        var exists = false;
        await app.WithDbAsync(async db => exists = await db.ApiAccounts.AnyAsync(a => a.Name == name));
        return exists;
    }

    [GeneratedRegex("""<code id="invitation-link">([^<]+)</code>""")]
    private static partial Regex InvitationLink();

    [GeneratedRegex("""<code id="api-secret">([^<]+)</code>""")]
    private static partial Regex ApiSecret();
}
