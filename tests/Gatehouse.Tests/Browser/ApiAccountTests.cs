using System.Text.Json.Nodes;
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

    [Fact]
    public async Task ApiReference_TokenPastedInTheConsole_ShowsWhatAnApiClientGets()
    {
        var page = await _hub.SignUpHostAdminAsync("admin@example.com");
        var id = await page.CreateAccountAsync("Acme Shoes");
        var secret = await page.AddApiAccountAsync("partner1");
        using var client = _hub.CreateHttpClient();
        var token = await client.GetTokenAsync("partner1", secret);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.ArriveAtAsync("/hub/settings/");
        await Screenshots.SaveAsync(page, "settings", output);
        await page.GetByRole(AriaRole.Link, new() { Name = "API accounts" }).ClickAsync();
        await page.ArriveAtAsync("/hub/settings/clients");
        await page.GetByRole(AriaRole.Link, new() { Name = "API Reference" }).ClickAsync();
        await page.ArriveAtAsync("/hub/settings/api-reference");
        await page.Locator("#op-tenant").GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        var console = page.Section("Console");
        await console.GetByLabel("Token").FillAsync(token);
        await console.GetByLabel("Variables (JSON)").FillAsync($$"""{"tenantId": "{{id}}"}""");
        await console.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        var status = console.GetByRole(AriaRole.Status);
        await status.GetByText("HTTP 200").WaitForAsync();
        await console.EvaluateAsync("section => section.scrollIntoView()");
        await Screenshots.SaveAsync(page, "api-reference", output);
        var shown = await console.Locator("pre").InnerTextAsync();
        var query = await console.GetByLabel("Query").InputValueAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var direct = await client.PostGraphQLAsync(query, $$"""{"tenantId": "{{id}}"}""");

        Assert.Equal("HTTP 200 OK", await status.InnerTextAsync());
        Assert.Equal("Acme Shoes", JsonNode.Parse(shown)!["data"]!["tenant"]!["name"]!.GetValue<string>());
        direct.ShouldBe(shown);
        Assert.True(_hub.BrowserErrors.IsEmpty, string.Join('\n', _hub.BrowserErrors));
    }

    [Fact]
    public async Task ApiReference_CapigExampleTriedInTheConsole_GoesToCapigGraphQL()
    {
        var page = await _hub.SignUpHostAdminAsync("admin@example.com");
        var id = await page.CreateAccountAsync("Acme Shoes");
        var secret = await page.AddApiAccountAsync("partner1");
        using var client = _hub.CreateHttpClient();
        var token = await client.GetTokenAsync("partner1", secret);
        var variables = $$"""{"tenantId": "{{id}}", "timeWindowMin": 60}""";

        await page.GotoAsync("/hub/settings/api-reference");
        await page.Locator("#capig-op-tenantQueries-account")
            .GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        var console = page.Section("Console");
        var endpoint = await console.GetByLabel("Endpoint").InputValueAsync();
        await console.GetByLabel("Token").FillAsync(token);
        await console.GetByLabel("Variables (JSON)").FillAsync(variables);
        await console.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        var status = console.GetByRole(AriaRole.Status);
        await status.GetByText("HTTP 200").WaitForAsync();
        await console.EvaluateAsync("section => section.scrollIntoView()");
        await Screenshots.SaveAsync(page, "api-reference-capig", output);
        var shown = await console.Locator("pre").InnerTextAsync();
        var query = await console.GetByLabel("Query").InputValueAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var direct = await client.PostGraphQLAsync(query, variables, "/capig/graphql/");

        Assert.Equal("/capig/graphql/", endpoint);
        Assert.StartsWith("query Account($tenantId: ID!, $timeWindowMin: Int) {", query, StringComparison.Ordinal);
        direct.ShouldBe("""
            {"data":{"tenantQueries":{"account":{"name":"Acme Shoes","status":0,"signalConfigs":[]}}}}
            """);
        direct.ShouldBe(shown);
        Assert.True(_hub.BrowserErrors.IsEmpty, string.Join('\n', _hub.BrowserErrors));
    }
}
