using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;

namespace Gatehouse.Tests.Events;

/// <summary>
/// The server as an operator runs it, killed with SIGKILL right after it acknowledged events: every one of
/// them is published after the restart.
/// </summary>
public sealed class IntakeDurabilityTests
{
    [Fact]
    public async Task Server_KilledRightAfterAcknowledgingEvents_PublishesEveryOneAfterRestart()
    {
        await using var database = new TestDatabase();
        await using var capi = await FakeConversionsApi.StartAsync();
        var environment = ServerProcess.EnvironmentFor(database);
        environment["Database__MigrateOnStartup"] = "true";
        environment["ConversionsApi__BaseUrl"] = capi.BaseUrl;

        // The first run does not publish, so that every acknowledged event is still queued when it dies.
        environment["ConversionsApi__Enabled"] = "false";
        var server = await ServerProcess.StartAsync(environment);
        var pixel = await ConnectPixelAsync(environment, server);
        var acknowledged = new List<string>();
        using (var client = server.CreateClient())
        {
            for (var batch = 0; batch < 5; batch++)
            {
                acknowledged.AddRange(await SendBatchAsync(client, pixel, batch));
            }

            acknowledged.Add(await SendPixelEventAsync(client, pixel));
        }

        await server.KillAsync();
        await server.DisposeAsync();
        environment["ConversionsApi__Enabled"] = "true";
        environment["ConversionsApi__PollInterval"] = "00:00:00.100";
        await using var restarted = await ServerProcess.StartAsync(environment);
        await QueueSeeding.WaitUntilAsync("every acknowledged event to reach the fake Conversions API",
            () => Task.FromResult(capi.AcceptedEventIds(pixel).Count >= acknowledged.Count));

        Assert.Equal(acknowledged.Order(), capi.AcceptedEventIds(pixel).Order());
        var browserEvent = capi.RequestsFor(pixel).SelectMany(r => r.Events)
            .Single(e => e["event_id"]!.GetValue<string>() == acknowledged[^1]);
        Assert.Equal("127.0.0.1", browserEvent["user_data"]!["client_ip_address"]!.GetValue<string>());
    }

    private static async Task<string> ConnectPixelAsync(Dictionary<string, string?> environment, ServerProcess server)
    {
        var added = await ServerProcess.RunAsync(environment, "api-accounts", "add", "sender", "--json");
        var secret = JsonNode.Parse(added.Output)!["client_secret"]!.GetValue<string>();
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await client.GetTokenAsync("sender", secret));
        var tenantId = await client.CreateManagedTenantAsync("Durable Events");
        var pixelId = Tenants.AccountSeeding.NewPixelIds(1)[0];
        var connected = await client.PostGraphQLAsync(PixelSamples.Create,
            PixelSamples.CreateVariables(tenantId, pixelId), PixelSamples.Endpoint);
        Assert.Null(connected.Json["errors"]);
        return pixelId;
    }

    private static async Task<List<string>> SendBatchAsync(HttpClient client, string pixelId, int batch)
    {
        var body = JsonNode.Parse(IntakeSetup.Batch(DateTimeOffset.UtcNow, [.. Enumerable.Repeat("Purchase", 20)]))!;
        var ids = new List<string>();
        foreach (var (data, i) in body["data"]!.AsArray().Select((e, i) => (e!, i)))
        {
            data["event_id"] = $"batch-{batch}-{i}";
            ids.Add($"batch-{batch}-{i}");
        }

        using var response = await client.PostBatchAsync(
            new ConnectedPixel("", pixelId, PixelSamples.AccessToken), body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ids;
    }

    private static async Task<string> SendPixelEventAsync(HttpClient client, string pixelId)
    {
        using var response = await client.PostPixelEventAsync($$"""
            {"event_name":"PageView","event_id":"browser-1","fb.pixel_id":"{{pixelId}}"}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return "browser-1";
    }
}
