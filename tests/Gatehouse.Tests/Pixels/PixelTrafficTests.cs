using System.Globalization;
using System.Net.Http.Headers;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Tests.Usage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Pixels.PixelSamples;

namespace Gatehouse.Tests.Pixels;

/// <summary>
/// The pixel list shows the traffic the data plane counted and the errors it recorded, and costs the same
/// number of queries for one pixel as for many; so does eventMetrics for few or many event names.
/// </summary>
public sealed class PixelTrafficTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task ListPixelsSample_PublishedTrafficAndPublishErrors_ShowsThemPerPixel()
    {
        var tenantId = await app.AddTenantAsync(name: "Shop");
        var pixels = AccountSeeding.NewPixelIds(2);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixels[0]), Endpoint);
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixels[1]), Endpoint);
        var (lastPublished, lastReceived) = await SeedTrafficAsync(tenantId, pixels[0]);
        await app.WithDbAsync(db => db.Pixels.Where(p => p.Id == pixels[1])
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.ApiErrorCode, "190.463")
                .SetProperty(x => x.BadToken, true)));

        var response = await client.PostGraphQLAsync(List, ListVariables(tenantId), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantQueries":{"account":{"name":"Shop","status":0,"signalConfigs":[
              {{Listed(pixels[0], """["shop.example.com","www.example.com"]""", "null", "false", 8, lastPublished,
                  13, lastReceived)}},
              {{Listed(pixels[1], "[]", "\"190.463\"", "true", 0, 0, 0, 0)}}] } } } }
            """);
    }

    [Fact]
    public async Task ListPixels_OneOrFourPixelsWithTraffic_CostTheSameNumberOfSqlCommands()
    {
        var counter = new CommandCounter();
        using var counted = app.WithCounter(counter);
        using var client = await CreateApiClientAsync(counted);
        var small = await SeedAccountAsync(1);
        var large = await SeedAccountAsync(4);

        var smallCount = await CountAsync(client, counter, List, ListVariables(small));
        var largeCount = await CountAsync(client, counter, List, ListVariables(large));

        Assert.True(smallCount > 0, "The interceptor saw no SQL command, so it counts nothing.");
        Assert.Equal(smallCount, largeCount);
    }

    [Fact]
    public async Task EventMetrics_OneOrFourPixelsWithTraffic_CostTheSameNumberOfSqlCommands()
    {
        var counter = new CommandCounter();
        using var counted = app.WithCounter(counter);
        using var client = await CreateApiClientAsync(counted);
        var small = await SeedAccountAsync(1);
        var large = await SeedAccountAsync(4);

        var smallCount = await CountAsync(client, counter, EventMetricsSamples.Everything,
            EventMetricsSamples.Variables(small));
        var largeCount = await CountAsync(client, counter, EventMetricsSamples.Everything,
            EventMetricsSamples.Variables(large));

        Assert.True(smallCount > 0, "The interceptor saw no SQL command, so it counts nothing.");
        Assert.Equal(smallCount, largeCount);
    }

    /// <summary>Traffic of the pixel in the last hour and before; returns its last publish and receive.</summary>
    private async Task<(long LastPublished, long LastReceived)> SeedTrafficAsync(string tenantId, string pixelId)
    {
        var minute = app.Minute();
        var published = minute.AddMinutes(-5).AddSeconds(20);
        var received = minute.AddMinutes(-2).AddSeconds(45);
        await app.CountTrafficAsync(tenantId, pixelId, published, "Purchase", "shop.example.com",
            received: 10, published: 8);
        await app.CountTrafficAsync(tenantId, pixelId, minute.AddMinutes(-3), "PageView", "www.example.com",
            received: 2);
        await app.CountTrafficAsync(tenantId, pixelId, received, "Purchase", received: 1, dropped: 1);
        await app.CountTrafficAsync(tenantId, pixelId, minute.AddMinutes(-90), "Purchase", "old.example.com",
            received: 5, published: 5);
        return (TrafficSeeding.UnixMilliseconds(published), TrafficSeeding.UnixMilliseconds(received));
    }

    /// <summary>An account whose pixels each had traffic of several names from several websites.</summary>
    private async Task<string> SeedAccountAsync(int pixelCount)
    {
        var tenantId = await app.AddTenantAsync();
        var pixels = AccountSeeding.NewPixelIds(pixelCount);
        await app.AddPixelsAsync(tenantId, [.. pixels.Select(p => (p, true))]);
        var minute = app.Minute();
        for (var i = 0; i < pixelCount; i++)
        {
            for (var name = 0; name <= i; name++)
            {
                await app.CountTrafficAsync(tenantId, pixels[i], minute.AddMinutes(-name), "Event" + name,
                    $"site{name}.example.com", received: 3, published: 2, failed: 1);
            }
        }

        return tenantId;
    }

    private async Task<HttpClient> CreateApiClientAsync(WebApplicationFactory<Program> factory)
    {
        var (clientId, secret) = await app.CreateApiAccountAsync();
        var token = await app.GetTokenAsync(clientId, secret);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<int> CountAsync(
        HttpClient client,
        CommandCounter counter,
        string query,
        string variables)
    {
        counter.Reset();
        var response = await client.PostGraphQLAsync(query, variables, Endpoint);
        Assert.Null(response.Json["errors"]);
        return counter.Count;
    }

    private static string Listed(
        string pixelId,
        string domains,
        string apiErrorCode,
        string badToken,
        long published,
        long lastPublished,
        long received,
        long lastReceived) => $$"""
        {"id":"SignalConfig:{{pixelId}}","connectionId":"{{pixelId}}","dataSetType":"PIXEL","domains":{{domains}},
          "connectionStatus":{"id":"ConnectionStatus:{{pixelId}}","accessTokenAvailable":true,"active":true,
            "targetId":"","eventBridgeActive":true,"publishingEnabled":true,"apiErrorCode":{{apiErrorCode}},
            "badToken":{{badToken}},"pixelID":"{{pixelId}}","pixelName":null,"lastPublished":{{Number(lastPublished)}},
            "totalEventsPublished":{{Number(published)}},"lastReceived":{{Number(lastReceived)}},
            "totalEventsReceived":{{Number(received)}} } }
        """;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
