using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Pixels.PixelSamples;

namespace Gatehouse.Tests.Pixels;

/// <summary>
/// Each operation of the Pixel Management reference, sent exactly as documented, against a fresh account
/// holding the sample pixel (18904456377094531).
/// </summary>
public sealed class PixelSampleTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task CreatePixelSample_NewPixel_ReturnsConnectedPixelReceivingAndPublishing()
    {
        var tenantId = await NewAccountAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"signalMutations":{"setupPixelSignalConfig":{
              "id":"SignalConfig:18904456377094531","domains":[],"connectionId":"18904456377094531",
              "connectionStatus":{"id":"ConnectionStatus:18904456377094531","accessTokenAvailable":true,
                "active":true,"connected":true,"eventBridgeActive":true,"publishingEnabled":true,
                "apiErrorCode":null,"pixelID":"18904456377094531","pixelName":null,"lastPublished":0.0,
                "totalEventsPublished":0.0,"lastReceived":0.0,"totalEventsReceived":0.0} } } } } }
            """);
    }

    [Fact]
    public async Task DeletePixelSample_ConnectedPixel_ReturnsTrueAndRemovesIt()
    {
        var tenantId = await NewAccountAsync();
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);

        var response = await client.PostGraphQLAsync(Delete, IdVariables(tenantId), Endpoint);

        response.ShouldBe("""{"data":{"tenantMutations":{"signalMutations":{"deleteDataSource":true} } } }""");
        var listed = await client.PostGraphQLAsync(List, ListVariables(tenantId), Endpoint);
        listed.ShouldBe("""
            {"data":{"tenantQueries":{"account":{"name":"Tenant for test@meta.com","status":0,"signalConfigs":[]}}}}
            """);
    }

    [Fact]
    public async Task ListPixelsSample_ThreePixels_ReturnsEachWithReceivedTraffic()
    {
        var tenantId = await NewAccountAsync();
        var others = AccountSeeding.NewPixelIds(2);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, others[0], "Shop"), Endpoint);
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, others[1]), Endpoint);
        await app.AddTrafficAsync(tenantId, PixelId, TimeSpan.FromMinutes(10), 7);
        await app.AddTrafficAsync(tenantId, PixelId, TimeSpan.FromMinutes(2), 5);
        await app.AddTrafficAsync(tenantId, PixelId, TimeSpan.FromMinutes(90), 100);

        var response = await client.PostGraphQLAsync(List, ListVariables(tenantId), Endpoint);

        // Seven and five events in the last hour; the hundred of ninety minutes ago fall outside it.
        var configs = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [others[0]] = Listed(others[0], "\"Shop\"", 0, 0),
            [others[1]] = Listed(others[1], "null", 0, 0),
            [PixelId] = Listed(PixelId, "null", 12, LastMinute(TimeSpan.FromMinutes(2))),
        };
        response.ShouldBe($$"""
            {"data":{"tenantQueries":{"account":{"name":"Tenant for test@meta.com","status":0,
              "signalConfigs":[{{string.Join(",", configs.Values)}}] } } } }
            """);
    }

    [Fact]
    public async Task ReceiveSample_StatusOne_ReturnsPixelReceiving()
    {
        var tenantId = await NewAccountAsync();
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);
        await client.PostGraphQLAsync(Receive, StatusVariables(tenantId, 0), Endpoint);

        var response = await client.PostGraphQLAsync(Receive, StatusVariables(tenantId, 1), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"signalMutations":{"updateSignalConfigEventsStatus":{"success":true,
              "connectionStatus":{{Status(active: true, publishing: true)}} } } } } }
            """);
    }

    [Fact]
    public async Task ReceiveSample_StatusZero_StopsReceivingOnly()
    {
        var tenantId = await NewAccountAsync();
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);

        var response = await client.PostGraphQLAsync(Receive, StatusVariables(tenantId, 0), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"signalMutations":{"updateSignalConfigEventsStatus":{"success":true,
              "connectionStatus":{{Status(active: false, publishing: true)}} } } } } }
            """);
    }

    [Fact]
    public async Task PublishSample_StatusZero_StopsPublishingAndKeepsReceiving()
    {
        var tenantId = await NewAccountAsync();
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);

        var response = await client.PostGraphQLAsync(Publish, StatusVariables(tenantId, 0), Endpoint);

        // The reference's sample shows active:false here; active is the receiving switch, which this leaves on.
        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"signalMutations":{"updateSignalConfigCapiPublish":{"success":true,
              "connectionStatus":{{Status(active: true, publishing: false)}} } } } } }
            """);
    }

    [Fact]
    public async Task PublishSample_StatusOne_PublishesAgain()
    {
        var tenantId = await NewAccountAsync();
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId), Endpoint);
        await client.PostGraphQLAsync(Publish, StatusVariables(tenantId, 0), Endpoint);

        var response = await client.PostGraphQLAsync(Publish, StatusVariables(tenantId, 1), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"signalMutations":{"updateSignalConfigCapiPublish":{"success":true,
              "connectionStatus":{{Status(active: true, publishing: true)}} } } } } }
            """);
    }

    /// <summary>A fresh account named as in the list sample, and no trace of the sample pixel anywhere.</summary>
    private async Task<string> NewAccountAsync()
    {
        await app.WithDbAsync(db => db.Pixels.Where(p => p.Id == PixelId).ExecuteDeleteAsync());
        return await app.AddTenantAsync(name: "Tenant for test@meta.com");
    }

    private long LastMinute(TimeSpan ago)
    {
        var now = app.Clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return (minute - ago).ToUnixTimeMilliseconds();
    }

    private static string Status(bool active, bool publishing) => $$"""
        {"id":"ConnectionStatus:18904456377094531","accessTokenAvailable":true,"active":{{Bool(active)}},
          "connected":true,"eventBridgeActive":true,"publishingEnabled":{{Bool(publishing)}},"apiErrorCode":null,
          "pixelID":"18904456377094531","pixelName":null,"lastPublished":0.0,"totalEventsPublished":0.0,
          "lastReceived":0.0,"totalEventsReceived":0.0}
        """;

    private static string Listed(string pixelId, string name, long received, long lastReceived) => $$"""
        {"id":"SignalConfig:{{pixelId}}","connectionId":"{{pixelId}}","dataSetType":"PIXEL","domains":[],
          "connectionStatus":{"id":"ConnectionStatus:{{pixelId}}","accessTokenAvailable":true,"active":true,
            "targetId":"","eventBridgeActive":true,"publishingEnabled":true,"apiErrorCode":null,"badToken":false,
            "pixelID":"{{pixelId}}","pixelName":{{name}},"lastPublished":0.0,"totalEventsPublished":0.0,
            "lastReceived":{{lastReceived}},"totalEventsReceived":{{received}} } }
        """;

    private static string Bool(bool value) => value ? "true" : "false";
}
