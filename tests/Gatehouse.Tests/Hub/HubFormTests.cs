using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Tenants;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Hub;

/// <summary>
/// The forms of the account, host-users and API-accounts pages, posted as a browser posts them: what each
/// changes, and what the page says after the redirect.
/// </summary>
public sealed partial class HubFormTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task AccountPage_Rename_RenamesTheAccountAndSaysSo()
    {
        var x = await app.AddTenantAsync(name: "Old Name");
        using var admin = await app.CreateHubClientAsync($"advertiser-admin-{x}");

        var page = await PostAndFollowAsync(admin, $"/hub/accounts/{x}", "Rename", new() { ["name"] = "New Name" });

        Assert.Equal("The account was renamed.", Notice(page));
        Assert.Contains("<h1>New Name</h1>", page, StringComparison.Ordinal);
        Assert.Equal(("New Name", TenantStatus.Active), await TenantAsync(x));
    }

    [Fact]
    public async Task AccountPage_ChangeStatus_DeactivatesTheAccountAndSaysSo()
    {
        var x = await app.AddTenantAsync(name: "Paused Shop");
        using var admin = await app.CreateHubClientAsync("agency-admin");

        var page = await PostAndFollowAsync(admin, $"/hub/accounts/{x}", "Status", new() { ["status"] = "2" });

        Assert.Equal("The account is now deactivated.", Notice(page));
        Assert.Contains("<span class=\"badge off\">Deactivated</span>", page, StringComparison.Ordinal);
        Assert.Equal(("Paused Shop", TenantStatus.Deactivated), await TenantAsync(x));
    }

    [Fact]
    public async Task AccountPage_ChangeRole_GivesTheUserTheNewRoleInThatAccount()
    {
        var x = await app.AddTenantAsync();
        var y = await app.AddTenantAsync();
        var userId = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View), (y, RoleAction.View));
        using var admin = await app.CreateHubClientAsync($"advertiser-admin-{x}");

        var page = await PostAndFollowAsync(admin, $"/hub/accounts/{x}", "ChangeRole", new()
        {
            ["userId"] = userId.ToString(),
            ["currentRole"] = $"advertiser-view-{x}",
            ["role"] = "manage",
        });

        Assert.Equal("The role was changed.", Notice(page));
        Assert.Equal(
            [(x, RoleAction.Manage), (y, RoleAction.View)],
            (await RolesAsync(userId)).OrderBy(r => r.TenantId == y));
    }

    [Fact]
    public async Task AccountPage_Revoke_TakesAwayOnlyThatAccountsRole()
    {
        var x = await app.AddTenantAsync();
        var y = await app.AddTenantAsync();
        var email = AccountSeeding.NewEmail();
        var userId = await app.AddUserAsync(email, x, (x, RoleAction.Manage), (y, RoleAction.View));
        using var admin = await app.CreateHubClientAsync($"advertiser-admin-{x}");

        var page = await PostAndFollowAsync(admin, $"/hub/accounts/{x}", "Revoke", new()
        {
            ["userId"] = userId.ToString(),
            ["currentRole"] = $"advertiser-manage-{x}",
            ["email"] = email,
        });

        Assert.Equal($"{email} no longer has access to this account.", Notice(page));
        Assert.DoesNotContain(email, page[page.IndexOf("<h2>Users</h2>", StringComparison.Ordinal)..],
            StringComparison.Ordinal);
        Assert.Equal([(y, RoleAction.View)], await RolesAsync(userId));
    }

    [Fact]
    public async Task AccountPage_ResendInvitation_ShowsANewLinkAndRetiresTheFirst()
    {
        var x = await app.AddTenantAsync();
        using var admin = await app.CreateHubClientAsync($"advertiser-admin-{x}");
        var email = AccountSeeding.NewEmail();
        var invited = await PostAndFollowAsync(
            admin, $"/hub/accounts/{x}", "Invite", new() { ["email"] = email, ["role"] = "view" });
        var first = new Uri(Link(invited)).PathAndQuery;

        var page = await PostAndFollowAsync(admin, $"/hub/accounts/{x}", "Resend", new() { ["email"] = email });

        Assert.Equal($"A new invitation for {email} is below; earlier links no longer work.", Notice(page));
        var second = new Uri(Link(page)).PathAndQuery;
        Assert.NotEqual(first, second);
        using var browser = app.CreateBrowserClient();
        Assert.Contains("<h1>This link does not work</h1>", await browser.GetStringAsync(first),
            StringComparison.Ordinal);
        Assert.Contains("<h1>Set your password</h1>", await browser.GetStringAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostUsersPage_InviteWithRole_AddsPendingHostUserAndShowsTheirLink()
    {
        using var admin = await app.CreateHubClientAsync("agency-admin");
        var email = HubUsers.NewEmail();

        var page = await PostAndFollowAsync(
            admin, "/hub/users", "Invite", new() { ["email"] = email, ["role"] = "manage" });

        Assert.StartsWith($"{email} was invited.", Notice(page), StringComparison.Ordinal);
        Assert.EndsWith($"&et=inv&email={email}", Link(page), StringComparison.Ordinal);
        var (status, roles) = await UserAsync(email);
        Assert.Equal(UserStatus.Pending, status);
        Assert.Equal([(null, RoleAction.Manage)], roles);
    }

    [Fact]
    public async Task HostUsersPage_ChangeRoleThenRevoke_ChangesTheHostRoleThenRemovesTheUser()
    {
        using var admin = await app.CreateHubClientAsync("agency-admin");
        var email = HubUsers.NewEmail();
        var userId = await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");

        var changed = await PostAndFollowAsync(admin, "/hub/users", "ChangeRole", new()
        {
            ["userId"] = userId.ToString(),
            ["currentRole"] = "agency-view",
            ["role"] = "admin",
        });
        var rolesAfterChange = await RolesAsync(userId);
        var revoked = await PostAndFollowAsync(admin, "/hub/users", "Revoke", new()
        {
            ["userId"] = userId.ToString(),
            ["currentRole"] = "agency-admin",
            ["email"] = email,
        });

        Assert.Equal("The role was changed.", Notice(changed));
        Assert.Equal([(null, RoleAction.Admin)], rolesAfterChange);
        Assert.Equal($"{email} is no longer a host user.", Notice(revoked));
        var (status, roles) = await UserAsync(email);
        Assert.Null(status);
        Assert.Empty(roles);
    }

    [Fact]
    public async Task HostUsersPage_ChangeRoleRefusedByTheApi_ShowsTheApiErrorAndKeepsTheRole()
    {
        using var admin = await app.CreateHubClientAsync("agency-admin");
        var userId = await app.AddHubUserAsync(HubUsers.NewEmail(), HubUsers.Password, "agency-view");

        var page = await PostAndFollowAsync(admin, "/hub/users", "ChangeRole", new()
        {
            ["userId"] = userId.ToString(),
            ["currentRole"] = "agency-manage",
            ["role"] = "admin",
        });

        Assert.Equal("The user does not hold the role &#x27;agency-manage&#x27;.", Error(page));
        Assert.Equal([(null, RoleAction.View)], await RolesAsync(userId));
    }

    [Fact]
    public async Task ApiAccountsPage_Delete_WarnsFirstAndStopsItsTokensAtOnce()
    {
        var (name, secret) = await app.CreateApiAccountAsync();
        var token = await app.GetTokenAsync(name, secret);
        using var admin = await app.CreateHubClientAsync("agency-admin");
        var list = await admin.GetStringAsync("/hub/settings/clients");

        var page = await PostAndFollowAsync(admin, "/hub/settings/clients", "Delete", new() { ["name"] = name });

        Assert.Contains($"Integrations that use {name} stop working at once", list, StringComparison.Ordinal);
        Assert.Equal($"The API account {name} was deleted. Integrations using it have stopped.", Notice(page));
        Assert.DoesNotContain($"<code>{name}</code>", page, StringComparison.Ordinal);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var refused = await client.PostGraphQLAsync("{ tenantUsage(tenantId: \"hU2koC34\") { totalPixels } }");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }

    /// <summary>Posts one of the page's forms with its antiforgery token and returns the page it leads to.</summary>
    private static async Task<string> PostAndFollowAsync(
        HttpClient client,
        string path,
        string handler,
        Dictionary<string, string> fields)
    {
        var token = await client.GetFormTokenAsync(path);
        using var posted = await client.PostFormAsync($"{path}?handler={handler}", fields, token);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await client.GetStringAsync(posted.Headers.Location!.OriginalString);
    }

    private static string Notice(string page) => NoticeText().Match(page).Groups[1].Value;

    private static string Error(string page) => ErrorText().Match(page).Groups[1].Value;

    private static string Link(string page) => WebUtility.HtmlDecode(InvitationLink().Match(page).Groups[1].Value);

    private async Task<(string? Name, TenantStatus? Status)> TenantAsync(string id)
    {
        Tenant? tenant = null;
        await app.WithDbAsync(async db =>
            tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id));
        return (tenant?.Name, tenant?.Status);
    }

    private async Task<List<(string? TenantId, RoleAction Action)>> RolesAsync(Guid userId)
    {
        List<(string?, RoleAction)> roles = [];
        await app.WithDbAsync(async db => roles = [.. (await db.UserRoles.AsNoTracking()
            .Where(r => r.UserId == userId).ToListAsync())
            .Select(r => (r.TenantId, r.Action))]);
        return roles;
    }

    private async Task<(UserStatus? Status, List<(string? TenantId, RoleAction Action)> Roles)> UserAsync(
        string email)
    {
        var user = (User?)null;
        await app.WithDbAsync(async db => user = await db.Users.AsNoTracking().Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Email == email));
        return (user?.Status, [.. user?.Roles.Select(r => (r.TenantId, r.Action)) ?? []]);
    }

    [GeneratedRegex("""<p class="notice" role="status">([^<]*)</p>""")]
    private static partial Regex NoticeText();

    [GeneratedRegex("""<p class="error" role="alert">([^<]*)</p>""")]
    private static partial Regex ErrorText();

    [GeneratedRegex("""<code id="invitation-link">([^<]+)</code>""")]
    private static partial Regex InvitationLink();
}
