using System.Net;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.GraphQL;

/// <summary>
/// Breaks the database under a running server, so it has an application of its own: no other test may
/// share what is left.
/// </summary>
public sealed class GraphQLInternalErrorTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task GraphQL_ResolverFails_ReturnsInternalServerErrorWithTraceIdOnly()
    {
        using var client = await app.CreateApiClientAsync();
        var created = await client.PostGraphQLAsync("""
            mutation {
              tenantMutations {
                createTenant(input: {name: "Doomed", canPartnerManage: true, eventEnrichment: false}) { tenant { id } }
              }
            }
            """);
        var tenantId = created.Json["data"]!["tenantMutations"]!["createTenant"]!["tenant"]!["id"]!.GetValue<string>();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE \"TrafficBuckets\""));

        var response = await client.PostGraphQLAsync(
            "query ($id: String!) { tenantUsage(tenantId: $id) { totalPixels } }", $$"""{"id":"{{tenantId}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var traceId = response.Json["errors"]![0]!["extensions"]!["traceId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        response.ShouldBe($$$"""
            {"errors":[{"message":"Internal server error. Quote trace id {{{traceId}}} when reporting it.",
              "locations":[{"line":1,"column":24}],"path":["tenantUsage"],
              "extensions":{"code":"INTERNAL_SERVER_ERROR","status":500,"traceId":"{{{traceId}}}"}}],
             "data":{"tenantUsage":null}}
            """);
    }
}
