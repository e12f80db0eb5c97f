using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gatehouse.Tests.Browser;

public sealed partial class SignInTests(ChromiumBrowser chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private HubServer _hub = null!;

    public async Task InitializeAsync() => _hub = await HubServer.StartAsync(chromium);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Invitation_FirstHostAdmin_SetsPasswordAndLandsOnTheAccounts()
    {
        var added = await _hub.RunCliAsync("users", "add-host-admin", "Owner@Example.com", "--json");
        var link = JsonNode.Parse(added.Output)!["invitation_link"]!.GetValue<string>();
        var page = await _hub.OpenBrowserAsync();

        await page.GotoAsync(link);
        var invitedAs = await page.Locator("main strong").InnerTextAsync();
        await Screenshots.SaveAsync(page, "set-password", output);
        await page.AcceptInvitationAsync(link);

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith($"{_hub.BaseAddress}auth/verify/?token=", link);
        Assert.Equal("owner@example.com", invitedAs);
        Assert.Equal("Accounts", await page.HeadingAsync());
        Assert.Equal(
            "Your password is set. Welcome to the hub.",
            await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal("No accounts to show yet.", await page.Locator("main p.card").InnerTextAsync());
        Assert.Equal("owner@example.com", await page.Locator("header .who").InnerTextAsync());
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensTheAccounts()
    {
        await _hub.SignUpHostAdminAsync("admin@example.com");
        var page = await _hub.OpenBrowserAsync();

        await page.GotoAsync("/hub/");
        await page.ArriveAtAsync(LoginPage());
        await Screenshots.SaveAsync(page, "sign-in", output);
        await page.SignInAsync("admin@example.com");

        Assert.Equal("Accounts", await page.HeadingAsync());
        Assert.Equal("admin@example.com", await page.Locator("header .who").InnerTextAsync());
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAnErrorAndStaysOut()
    {
        await _hub.SignUpHostAdminAsync("admin@example.com");
        var page = await _hub.OpenBrowserAsync();

        await page.SubmitSignInAsync("admin@example.com", "not the password");
        var error = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.GotoAsync("/hub/");

        Assert.Equal("The email or password is not right.", error);
        Assert.Matches(LoginPage(), page.Url);
        Assert.Equal("Sign in", await page.HeadingAsync());
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsTheSession()
    {
        var page = await _hub.SignUpHostAdminAsync("admin@example.com");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.ArriveAtAsync(LogoutPage());
        var heading = await page.HeadingAsync();
        await page.GotoAsync("/hub/");

        Assert.Equal("Signed out", heading);
        Assert.Matches(LoginPage(), page.Url);
        Assert.Equal(0, await page.Locator("header .who").CountAsync());
    }

    [GeneratedRegex(@"/auth/login(\?|$)")]
    private static partial Regex LoginPage();

    [GeneratedRegex(@"/auth/logout$")]
    private static partial Regex LogoutPage();
}
