using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Tenants;

/// <summary>Account usage as billing reads it: pixels, pipelines and the traffic of the last 24 hours.</summary>
public sealed class TenantUsageTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string Usage = """
        query ($id: String!) { tenantUsage(tenantId: $id) {
          totalActivePixels totalInactivePixels totalPixels pixelIds totalPipelines totalActivePipeline
          tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours lastUpdatedAt } } }
        """;

    private const string Traffic = """
        query ($id: String!) { tenantUsage(tenantId: $id) {
          tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError lastUpdatedAt } } }
        """;

    [Fact]
    public async Task TenantUsage_PixelsPipelinesAndTraffic_CountsOnlyThisAccountWithinWindow()
    {
        var id = await app.AddTenantAsync(name: "Busy");
        var other = await app.AddTenantAsync(name: "Neighbour");
        var pixels = AccountSeeding.NewPixelIds(4);
        await app.AddPixelsAsync(id, (pixels[0], true), (pixels[1], true), (pixels[2], false));
        await app.AddPixelsAsync(other, (pixels[3], true));
        await app.AddPipelinesAsync(id, true, true, false);
        await app.AddPipelinesAsync(other, true);
        await app.AddTrafficAsync(id, pixels[0], TimeSpan.FromMinutes(1), 3_000_000_000);
        await app.AddTrafficAsync(id, pixels[0], TimeSpan.FromMinutes(2), 5);
        await app.AddTrafficAsync(id, pixels[1], TimeSpan.FromHours(23), 7, publishFailures: 1);
        await app.AddTrafficAsync(id, pixels[2], TimeSpan.FromHours(25), 100, publishFailures: 3);
        await app.AddTrafficAsync(other, pixels[3], TimeSpan.FromMinutes(1), 1000, publishFailures: 1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Usage, $$"""{"id":"{{id}}"}""");

        response.ShouldBe($$"""
            {"data":{"tenantUsage":{"totalActivePixels":2,"totalInactivePixels":1,"totalPixels":3,
              "pixelIds":["{{pixels[0]}}","{{pixels[1]}}","{{pixels[2]}}"],"totalPipelines":3,"totalActivePipeline":2,
              "tenantUsageByTraffic":{"totalEventsReceived":3000000012,"totalPixelsWithTraffic":2,"publishError":true,
                "durationInHours":24,"lastUpdatedAt":"{{Now()}}"} } } }
            """);
    }

    [Fact]
    public async Task TenantUsage_AccountWithoutPixels_ReturnsZeros()
    {
        var id = await app.AddTenantAsync(name: "Idle");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Usage, $$"""{"id":"{{id}}"}""");

        response.ShouldBe($$"""
            {"data":{"tenantUsage":{"totalActivePixels":0,"totalInactivePixels":0,"totalPixels":0,
              "pixelIds":[],"totalPipelines":0,"totalActivePipeline":0,
              "tenantUsageByTraffic":{"totalEventsReceived":0,"totalPixelsWithTraffic":0,"publishError":false,
                "durationInHours":24,"lastUpdatedAt":"{{Now()}}"} } } }
            """);
    }

    [Fact]
    public async Task TenantUsage_ClockMovesForward_DropsBucketsOlderThanWindow()
    {
        var id = await app.AddTenantAsync(name: "Aging");
        var pixels = AccountSeeding.NewPixelIds(2);
        await app.AddPixelsAsync(id, (pixels[0], true), (pixels[1], true));
        await app.AddTrafficAsync(id, pixels[0], TimeSpan.FromHours(22), 10, publishFailures: 2);
        await app.AddTrafficAsync(id, pixels[1], TimeSpan.FromHours(1), 5);
        using var client = await app.CreateApiClientAsync();
        var before = await client.PostGraphQLAsync(Traffic, $$"""{"id":"{{id}}"}""");
        var beforeTime = Now();

        app.Clock.Advance(TimeSpan.FromHours(3));
        var after = await client.PostGraphQLAsync(Traffic, $$"""{"id":"{{id}}"}""");

        before.ShouldBe($$"""
            {"data":{"tenantUsage":{"tenantUsageByTraffic":{"totalEventsReceived":15,"totalPixelsWithTraffic":2,
              "publishError":true,"lastUpdatedAt":"{{beforeTime}}"} } } }
            """);
        after.ShouldBe($$"""
            {"data":{"tenantUsage":{"tenantUsageByTraffic":{"totalEventsReceived":5,"totalPixelsWithTraffic":1,
              "publishError":false,"lastUpdatedAt":"{{Now()}}"} } } }
            """);
    }

    [Fact]
    public async Task TenantField_TenantUsage_MatchesTopLevelUsage()
    {
        var id = await app.AddTenantAsync(name: "Nested");
        var pixels = AccountSeeding.NewPixelIds(2);
        await app.AddPixelsAsync(id, (pixels[0], true), (pixels[1], false));
        await app.AddTrafficAsync(id, pixels[1], TimeSpan.FromMinutes(30), 9);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync("""
            query ($id: String!) { tenant(tenantId: $id) { tenantUsage { totalActivePixels totalInactivePixels
              tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic } } } }
            """, $$"""{"id":"{{id}}"}""");

        response.ShouldBe("""
            {"data":{"tenant":{"tenantUsage":{"totalActivePixels":1,"totalInactivePixels":1,
              "tenantUsageByTraffic":{"totalEventsReceived":9,"totalPixelsWithTraffic":1}}}}}
            """);
    }

    private string Now() => app.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", null);
}
