using System.Net;
using System.Net.Http.Headers;
using Gatehouse.ApiAccounts;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Data;

/// <summary>Two instances on one database, as when several instances share a PostgreSQL server.</summary>
public sealed class SharedDatabaseTests
{
    [Fact]
    public async Task Token_IssuedByOneInstance_WorksOnAnotherUntilTheAccountIsRemovedThere()
    {
        await using var database = new TestDatabase();
        await using var first = new GatehouseApplication(database);
        await using var second = new GatehouseApplication(database);
        await first.InitializeAsync();
        await second.InitializeAsync();
        var (clientId, secret) = await first.CreateApiAccountAsync();
        var token = await first.GetTokenAsync(clientId, secret);
        using var onFirst = Authorized(first, token);
        using var onSecond = Authorized(second, token);
        var tenantId = await onFirst.CreateManagedTenantAsync("Shared");

        var readOnSecond = await onSecond.GetTenantAsync(tenantId);
        await using (var scope = second.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiAccountService>().RemoveAsync(clientId, default);
        }

        var afterRemoval = await onFirst.PostGraphQLAsync("{ __typename }");

        readOnSecond.ShouldBe($$"""
            {"data":{"tenant":{"id":"{{tenantId}}","name":"Shared","canPartnerManage":true} } }
            """);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRemoval.Status);
    }

    [Fact]
    public async Task HubSession_StartedOnOneInstance_WorksOnAnotherUntilTheRoleIsRevoked()
    {
        await using var database = new TestDatabase();
        await using var first = new GatehouseApplication(database);
        await using var second = new GatehouseApplication(database);
        await first.InitializeAsync();
        await second.InitializeAsync();
        var tenantId = await first.AddTenantAsync(name: "Shared Session");
        var email = HubUsers.NewEmail();
        await first.AddHubUserAsync(email, HubUsers.Password, $"advertiser-view-{tenantId}");
        using var onSecond = second.CreateBrowserClient();
        onSecond.DefaultRequestHeaders.Add("Cookie", await SessionCookieAsync(first, email));

        var before = await onSecond.GetAsync($"/hub/accounts/{tenantId}");
        await first.WithDbAsync(db => db.UserRoles.Where(r => r.TenantId == tenantId).ExecuteDeleteAsync());
        var after = await onSecond.GetAsync($"/hub/accounts/{tenantId}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    // The session cookie as a browser would send it to whichever instance the load balancer picks.
    private static async Task<string> SessionCookieAsync(GatehouseApplication app, string email)
    {
        using var client = app.CreateBrowserClient();
        var token = await client.GetFormTokenAsync("/auth/login");
        using var response = await client.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = HubUsers.Password }, token);
        return response.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith(HubSessionCookie, StringComparison.Ordinal)).Split(';')[0];
    }

    private const string HubSessionCookie = "gatehouse_session=";

    private static HttpClient Authorized(GatehouseApplication app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
