using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gatehouse.Tests.Browser;

public sealed class AccountTests(ChromiumBrowser chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private HubServer _hub = null!;

    public async Task InitializeAsync() => _hub = await HubServer.StartAsync(chromium);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task NewAccount_ManagedByDefault_OpensItsPageAndJoinsTheList()
    {
        var page = await _hub.SignUpHostAdminAsync("admin@example.com");

        await page.GetByRole(AriaRole.Link, new() { Name = "New account" }).ClickAsync();
        await page.ArriveAtAsync("/hub/accounts/new");
        var managedByDefault = await page.GetByLabel("Managed by the host").IsCheckedAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Shoes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.ArriveAtAsync(HubPages.AccountPage());
        var id = HubPages.AccountPage().Match(page.Url).Groups["id"].Value;
        var heading = await page.HeadingAsync();
        var notice = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        await Screenshots.SaveAsync(page, "account", output);
        await page.GotoAsync("/hub/");

        Assert.True(managedByDefault);
        Assert.Equal("Acme Shoes", heading);
        Assert.Equal("The account Acme Shoes was created.", notice);
        Assert.Equal([$"Acme Shoes {id} | Active | Managed | Admin | 0 (0) | 0"], await page.TableRowsAsync());
    }

    [Fact]
    public async Task NewAccount_Unmanaged_OnlyItsInvitedAdminSeesIt()
    {
        var host = await _hub.SignUpHostAdminAsync("admin@example.com");

        await host.GotoAsync("/hub/accounts/new");
        await host.GetByLabel("Name", new() { Exact = true }).FillAsync("Contoso Outdoor");
        await host.GetByLabel("Managed by the host").UncheckAsync();
        await host.GetByLabel("Admin email").FillAsync("Owner@Contoso.example");
        await host.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await host.ArriveAtAsync("/hub/");
        var notice = await host.GetByRole(AriaRole.Status).InnerTextAsync();
        var owner = await _hub.OpenBrowserAsync();
        await owner.AcceptInvitationAsync(await _hub.InviteAgainAsync("owner@contoso.example"));

        Assert.Equal(
            "The account Contoso Outdoor was created; its admin was invited and only they can open it now.",
            notice);
        Assert.Empty(await host.TableRowsAsync());
        var row = Assert.Single(await owner.TableRowsAsync());
        Assert.Matches(@"^Contoso Outdoor [A-Za-z0-9]{8} \| Active \| Unmanaged \| Admin \| 0 \(0\) \| 0$", row);
    }

    [Fact]
    public async Task AccountList_OnAPhone_ShowsEveryAccount()
    {
        var admin = await _hub.SignUpHostAdminAsync("admin@example.com");
        string[] names = ["Acme Shoes", "Blue Harbour Travel", "Northwind Garden Supply"];
        foreach (var name in names)
        {
            await admin.CreateAccountAsync(name);
        }

        await admin.GotoAsync("/hub/");
        await Screenshots.SaveAsync(admin, "accounts", output);
        var phone = await _hub.OpenBrowserAsync(HubServer.Phone);
        await phone.SignInAsync("admin@example.com");
        await Screenshots.SaveAsync(phone, "accounts-phone", output);

        Assert.Equal("Accounts", await phone.HeadingAsync());
        Assert.Equal(names, await phone.Locator("table tbody tr td:first-child a").AllInnerTextsAsync());
        Assert.True(await phone.GetByRole(AriaRole.Link, new() { Name = "Acme Shoes" }).IsVisibleAsync());
    }

    [Fact]
    public async Task Invite_AcceptedInAnotherBrowser_NewUserSeesOnlyThatAccount()
    {
        var admin = await _hub.SignUpHostAdminAsync("admin@example.com");
        await admin.CreateAccountAsync("Someone Else's Shop");
        var id = await admin.CreateAccountAsync("Acme Shoes");

        var invite = admin.Section("Invite a user");
        await invite.GetByLabel("Email").FillAsync("buyer@acme.example");
        await invite.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "View only" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = await admin.Locator("#invitation-link").ReadAsync();
        await Screenshots.SaveAsync(admin, "invite", output);
        var buyer = await _hub.OpenBrowserAsync();
        await buyer.AcceptInvitationAsync(link);
        await admin.ReloadAsync();

        Assert.StartsWith($"{_hub.BaseAddress}auth/verify/?token=", link);
        Assert.Equal("buyer@acme.example", await buyer.Locator("header .who").InnerTextAsync());
        Assert.Equal([$"Acme Shoes {id} | Active | Managed | View only | 0 (0) | 0"], await buyer.TableRowsAsync());
        Assert.StartsWith("buyer@acme.example | View only | Active |", Assert.Single(await admin.TableRowsAsync()));
    }
}
