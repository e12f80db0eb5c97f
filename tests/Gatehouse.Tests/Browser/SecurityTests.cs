using Microsoft.Playwright;

namespace Gatehouse.Tests.Browser;

public sealed class SecurityTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private HubServer _hub = null!;

    public async Task InitializeAsync() => _hub = await HubServer.StartAsync(chromium);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task HubPage_SignedIn_ForbidsFramingAndForeignScripts()
    {
        var page = await _hub.SignUpHostAdminAsync("admin@example.com");

        var response = await page.GotoAsync("/hub/");

        var headers = await response!.AllHeadersAsync();
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        var policy = headers["content-security-policy"].Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task MainPages_UsedAsAHostAdmin_ReportNoPolicyViolationsOrScriptErrors()
    {
        var visitor = await _hub.OpenBrowserAsync();
        await visitor.GotoAsync("/auth/login");
        var admin = await _hub.SignUpHostAdminAsync("admin@example.com");

        var id = await admin.CreateAccountAsync("Acme Shoes");
        await admin.Section("Invite a user").GetByLabel("Email").FillAsync("buyer@acme.example");
        await admin.Section("Invite a user").GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await admin.Locator("#invitation-link").WaitForAsync();
        await admin.AddApiAccountAsync("partner1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        foreach (var path in new[] { "/hub/", $"/hub/accounts/{id}", "/hub/users", "/hub/settings/api-reference" })
        {
            var response = await admin.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
        }

        Assert.True(_hub.BrowserErrors.IsEmpty, string.Join('\n', _hub.BrowserErrors));
    }
}
