using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Hub;

/// <summary>
/// Every form of the hub carries an antiforgery token, and a form posted without it (as another site could
/// post it from a signed-in user's browser) is refused before its handler runs.
/// </summary>
public sealed partial class AntiforgeryTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task HubPages_EveryPostForm_CarriesAnAntiforgeryToken()
    {
        var (x, _) = await SeedAccountWithPendingUserAsync();
        await SeedPendingHostUserAsync();
        await app.CreateApiAccountAsync();
        using var admin = await app.CreateHubClientAsync("agency-admin");
        using var visitor = app.CreateBrowserClient();

        var forms = new Dictionary<string, List<string>>
        {
            ["/auth/login"] = await PostFormsAsync(visitor, "/auth/login"),
            ["/hub/accounts/new"] = await PostFormsAsync(admin, "/hub/accounts/new"),
            ["/hub/accounts/X"] = await PostFormsAsync(admin, $"/hub/accounts/{x}"),
            ["/hub/users"] = await PostFormsAsync(admin, "/hub/users"),
            ["/hub/settings/clients"] = await PostFormsAsync(admin, "/hub/settings/clients"),
        };

        Assert.Equal(["(this page)"], forms["/auth/login"]);
        Assert.Equal(["/auth/logout", "(this page)"], forms["/hub/accounts/new"]);
        Assert.Equal(
            ["/auth/logout", "ChangeRole", "Revoke", "Resend", "Invite", "Rename", "Status", "Delete"],
            forms["/hub/accounts/X"].Distinct());
        Assert.Equal(["/auth/logout", "ChangeRole", "Revoke", "Resend", "Invite"], forms["/hub/users"].Distinct());
        Assert.Equal(["/auth/logout", "Delete", "Add"], forms["/hub/settings/clients"].Distinct());
    }

    [Theory]
    [InlineData("/hub/accounts/X?handler=Rename", "name=Renamed")]
    [InlineData("/hub/accounts/X?handler=Status", "status=2")]
    [InlineData("/hub/accounts/X?handler=Delete", "confirmName=Forged Shop")]
    [InlineData("/hub/accounts/X?handler=Invite", "email=forged@example.com&role=admin")]
    [InlineData("/hub/accounts/X?handler=ChangeRole", "userId=USER&currentRole=advertiser-view-X&role=admin")]
    [InlineData("/hub/accounts/X?handler=Revoke", "userId=USER&currentRole=advertiser-view-X&email=e")]
    [InlineData("/hub/accounts/X?handler=Resend", "email=EMAIL")]
    [InlineData("/hub/users?handler=Invite", "email=forged@example.com&role=admin")]
    [InlineData("/hub/users?handler=ChangeRole", "userId=USER&currentRole=agency-view&role=admin")]
    [InlineData("/hub/users?handler=Revoke", "userId=USER&currentRole=agency-view&email=EMAIL")]
    [InlineData("/hub/users?handler=Resend", "email=EMAIL")]
    [InlineData("/hub/settings/clients?handler=Delete", "name=partner1")]
    [InlineData("/auth/verify", "token=t&email=EMAIL&et=inv&Password=a long enough password")]
    [InlineData("/hub/accounts/new", "Name=Forged&CanPartnerManage=true")]
    [InlineData("/hub/settings/clients?handler=Add", "Name=forged&Password=a long enough password")]
    [InlineData("/auth/logout", "")]
    [InlineData("/auth/login", "Email=someone@example.com&Password=whatever")]
    public async Task HubForm_PostedWithoutToken_IsRefusedAndChangesNothing(string path, string fields)
    {
        var (x, pending) = await SeedAccountWithPendingUserAsync();
        using var admin = await app.CreateHubClientAsync("agency-admin");
        // A page on another site can post a form, but it cannot add a header.
        admin.DefaultRequestHeaders.Remove(HubUsers.CsrfHeader);
        var before = await SnapshotAsync(x);
        var body = fields.Replace("USER", pending.Id.ToString(), StringComparison.Ordinal)
            .Replace("EMAIL", pending.Email, StringComparison.Ordinal)
            .Replace("-X", "-" + x, StringComparison.Ordinal);
        using var form = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await admin.PostAsync(path.Replace("/X", "/" + x, StringComparison.Ordinal), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(x));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hub/")).StatusCode);
    }

    /// <summary>The handler of each form that posts, as its action names it, in the order of the page.</summary>
    private static async Task<List<string>> PostFormsAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var forms = PostForm().Matches(page).ToList();
        Assert.All(forms, form => Assert.Contains(
            "name=\"__RequestVerificationToken\"", form.Value, StringComparison.Ordinal));
        return [.. forms.Select(form => HandlerOf(form.Groups["tag"].Value))];
    }

    private static string HandlerOf(string tag) => FormAction().Match(tag) is { Success: true } action
        ? action.Groups["handler"].Success ? action.Groups["handler"].Value : action.Groups["path"].Value
        : "(this page)";

    private async Task<(string Tenant, User Pending)> SeedAccountWithPendingUserAsync()
    {
        var x = await app.AddTenantAsync(name: "Forged Shop");
        var email = AccountSeeding.NewEmail();
        var id = await app.AddUserAsync(email, x, (x, RoleAction.View));
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UserStatus.Pending)));
        return (x, new User { Id = id, Email = email });
    }

    private async Task SeedPendingHostUserAsync()
    {
        var id = await app.AddHubUserAsync(HubUsers.NewEmail(), HubUsers.Password, "agency-view");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UserStatus.Pending)));
    }

    /// <summary>What a forged form could change: the account, its roles, users, invitations, API accounts.</summary>
    private async Task<string> SnapshotAsync(string tenantId)
    {
        var snapshot = "";
        await app.WithDbAsync(async db =>
        {
            var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId);
            var roles = await db.UserRoles.Where(r => r.TenantId == tenantId)
                .Select(r => r.UserId + ":" + r.Action).ToListAsync();
            snapshot = string.Join('|',
                $"{tenant?.Name}/{tenant?.Status}",
                string.Join(',', roles.Order(StringComparer.Ordinal)),
                await db.Users.CountAsync(),
                await db.Invitations.CountAsync(),
                await db.Tenants.CountAsync(),
                await db.ApiAccounts.CountAsync());
        });
        return snapshot;
    }

    [GeneratedRegex("""<form(?<tag>[^>]*\bmethod="post"[^>]*)>.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex PostForm();

    [GeneratedRegex("""\baction="(?<path>[^"?]*)(\?handler=(?<handler>[A-Za-z]+))?""")]
    private static partial Regex FormAction();
}
