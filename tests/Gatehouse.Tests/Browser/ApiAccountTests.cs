using Gatehouse.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gatehouse.Tests.Browser;

public sealed class ApiAccountTests(ChromiumBrowser chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private HubServer _hub = null!;

    public async Task InitializeAsync() => _hub = await HubServer.StartAsync(chromium);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task ApiAccount_AddedInTheHub_ItsSecretGetsATokenThatReadsAccounts()
    {
        var page = await _hub.SignUpHostAdminAsync("admin@example.com");
        var id = await page.CreateAccountAsync("Acme Shoes");

        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        var secret = await page.AddApiAccountAsync("partner1");
        await Screenshots.SaveAsync(page, "api-accounts", output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copied" }).WaitForAsync();
        var copied = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        using var client = _hub.CreateHttpClient();
        var token = await client.GetTokenAsync("partner1", secret);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var response = await client.PostGraphQLAsync($$"""{ tenant(tenantId: "{{id}}") { id name } }""");

        Assert.Matches("^[A-Za-z0-9_-]{40,}$", secret);
        Assert.Equal(secret, copied);
        response.ShouldBe($$"""{"data": {"tenant": {"id": "{{id}}", "name": "Acme Shoes"} } }""");
    }
}
