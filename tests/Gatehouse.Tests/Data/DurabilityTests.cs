using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Data;

// What the API has acknowledged must be on disk: a client that saw a success will not ask again.
public sealed class DurabilityTests
{
    [Fact]
    public async Task Server_KilledRightAfterAcknowledgedWrites_KeepsThemAfterRestart()
    {
        await using var database = new TestDatabase();
        var environment = ServerProcess.EnvironmentFor(database);
        environment["Database__MigrateOnStartup"] = "true";
        var server = await ServerProcess.StartAsync(environment);
        var added = await ServerProcess.RunAsync(environment, "api-accounts", "add", "durable", "--json");
        var secret = JsonNode.Parse(added.Output)!["client_secret"]!.GetValue<string>();
        var tenantIds = new List<string>();
        string token;
        using (var client = server.CreateClient())
        {
            token = await client.GetTokenAsync("durable", secret);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var i = 1; i <= 5; i++)
            {
                tenantIds.Add(await client.CreateManagedTenantAsync($"Durable {i}"));
            }
        }

        await server.KillAsync();
        await server.DisposeAsync();
        await using var restarted = await ServerProcess.StartAsync(environment);
        using var after = restarted.CreateClient();
        after.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var tenants = new List<GraphQLResponse>();
        foreach (var tenantId in tenantIds)
        {
            tenants.Add(await after.GetTenantAsync(tenantId));
        }

        using var fresh = restarted.CreateClient();
        var newToken = await fresh.GetTokenAsync("durable", secret);

        Assert.Equal(5, tenants.Count);
        for (var i = 0; i < tenants.Count; i++)
        {
            Assert.Equal(HttpStatusCode.OK, tenants[i].Status);
            tenants[i].ShouldBe($$"""
                {"data":{"tenant":{"id":"{{tenantIds[i]}}","name":"Durable {{i + 1}}","canPartnerManage":true} } }
                """);
        }

        Assert.NotEmpty(newToken);
    }
}
