using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Access;

/// <summary>
/// The hub's pages follow the same table as the API (docs/permissions.md, "The hub's pages"): what each role
/// sees of an account X and of the host's pages, and that a form it is not shown is refused when posted
/// anyway. Y is another account; the advertiser-admin-Y row holds a role in Y only.
/// </summary>
public sealed partial class HubPagePermissionTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string Denied = "denied";

    [Theory]
    [InlineData("agency-admin", "Delete Invite Rename Status", "renamed", "Invite", "ok", "ok")]
    [InlineData("agency-manage", "", "unchanged", "", Denied, Denied)]
    [InlineData("agency-view", "", "unchanged", "", Denied, Denied)]
    [InlineData("advertiser-admin-X", "Delete Invite Rename Status", "renamed", Denied, Denied, Denied)]
    [InlineData("advertiser-manage-X", "", "unchanged", Denied, Denied, Denied)]
    [InlineData("advertiser-view-X", "", "unchanged", Denied, Denied, Denied)]
    [InlineData("advertiser-admin-Y", "404", "unchanged", Denied, Denied, Denied)]
    public async Task HubPages_Role_ShowAndAllowWhatThePolicyAllows(
        string role,
        string accountForms,
        string rename,
        string hostUsersForms,
        string newAccount,
        string apiAccounts)
    {
        var x = await app.AddTenantAsync(name: "Shop X");
        var y = await app.AddTenantAsync(name: "Shop Y");
        using var client = await app.CreateHubClientAsync(HubUsers.RoleFor(role, x, y));

        var account = await ReadFormsAsync(client, $"/hub/accounts/{x}");
        using var renamed = await client.PostFormAsync($"/hub/accounts/{x}?handler=Rename",
            new() { ["name"] = "Renamed by " + role }, await client.GetCsrfTokenAsync());
        var name = await NameOfAsync(x);
        var hostUsers = await ReadFormsAsync(client, "/hub/users", only: "Invite");
        var newPage = await StatusOfAsync(client, "/hub/accounts/new");
        var clientsPage = await StatusOfAsync(client, "/hub/settings/clients");

        Assert.Equal(
            (accountForms, rename, hostUsersForms, newAccount, apiAccounts),
            (account, name == "Shop X" ? "unchanged" : "renamed", hostUsers, newPage, clientsPage));
    }

    /// <summary>The page's form handlers, sorted and space-separated; its status when it is not shown.</summary>
    private static async Task<string> ReadFormsAsync(HttpClient client, string path, string? only = null)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return IsDenied(response) ? Denied : ((int)response.StatusCode).ToString(
                System.Globalization.CultureInfo.InvariantCulture);
        }

        var page = await response.Content.ReadAsStringAsync();
        var handlers = Handler().Matches(page).Select(m => m.Groups[1].Value)
            .Where(h => only is null || h == only)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join(' ', handlers);
    }

    private static async Task<string> StatusOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return IsDenied(response) ? Denied : response.StatusCode == HttpStatusCode.OK ? "ok"
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/hub/denied";

    private async Task<string> NameOfAsync(string tenantId)
    {
        var name = "";
        await app.WithDbAsync(async db => name = await db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => t.Name).SingleAsync());
        return name;
    }

    [GeneratedRegex("""action="[^"]*\?handler=(\w+)""")]
    private static partial Regex Handler();
}
