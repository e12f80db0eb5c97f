using System.Net;
using System.Net.Http.Headers;
using Gatehouse.ApiAccounts;
using Gatehouse.Tests.Infrastructure;
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

    private static HttpClient Authorized(GatehouseApplication app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
