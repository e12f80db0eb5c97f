using System.Net;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests;

public sealed class TransportSmokeTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task GraphQL_WithoutToken_Returns401WithGraphQLError()
    {
        using var client = app.CreateClient();

        var response = await client.PostGraphQLAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"Send an access token from /clients/token in the header 'Authorization: Bearer TOKEN'.",
              "extensions":{"code":"UNAUTHORIZED","status":401}}]}
            """);
    }

    [Fact]
    public async Task GraphQL_WithToken_ExecutesQuery()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""{"data":{"__typename":"Query"}}""");
    }
}
