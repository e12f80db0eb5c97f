using System.Net;
using Gatehouse.GraphQL;
using Gatehouse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.GraphQL;

public sealed class DocumentCacheTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private DocumentCache<HubSchema> Cache => app.Services.GetRequiredService<DocumentCache<HubSchema>>();

    // The cache once stayed empty: it took the document from the execution options, which the executer never
    // fills in, so every request was parsed and validated again.
    [Fact]
    public async Task DocumentCache_RepeatedQuery_StoresOneDocument()
    {
        using var client = await app.CreateApiClientAsync();
        var before = Cache.Count;

        var responses = new List<GraphQLResponse>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await client.PostGraphQLAsync("query Repeated { __typename }"));
        }

        Assert.All(responses, response => response.ShouldBe("""{"data":{"__typename":"Query"}}"""));
        Assert.Equal(before + 1, Cache.Count);
    }

    [Fact]
    public async Task DocumentCache_DocumentFailingValidation_IsNotStored()
    {
        using var client = await app.CreateApiClientAsync();
        var before = Cache.Count;

        var first = await client.PostGraphQLAsync("query Broken { tenan }");
        var second = await client.PostGraphQLAsync("query Broken { tenan }");

        const string Expected = """
            {"errors":[{"message":"Cannot query field 'tenan' on type 'Query'.",
              "locations":[{"line":1,"column":16}],
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """;
        first.ShouldBe(Expected);
        second.ShouldBe(Expected);
        Assert.Equal(before, Cache.Count);
    }

    [Fact]
    public async Task DocumentCache_CachedMutationWithWronglyTypedVariable_ReturnsBadRequest()
    {
        using var client = await app.CreateApiClientAsync();
        const string Mutation = """
            mutation Rename($input: UpdateTenantInput!) {
              tenantMutations { updateTenant(input: $input) { tenant { id } } }
            }
            """;
        var warmUp = await client.PostGraphQLAsync(Mutation, """{"input":{"tenantId":"unknown1"}}""");
        var cached = Cache.Count;

        var response = await client.PostGraphQLAsync(Mutation, """{"input":{"tenantId":"unknown1","status":"high"}}""");

        Assert.Equal(HttpStatusCode.OK, warmUp.Status);
        Assert.Equal(cached, Cache.Count);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"Variable '$input.status' is invalid. Unable to convert 'high' to 'Int'",
              "locations":[{"line":1,"column":17}],
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }
}
