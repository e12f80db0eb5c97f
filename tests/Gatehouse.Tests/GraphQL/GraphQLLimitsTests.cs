using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;

namespace Gatehouse.Tests.GraphQL;

public sealed class GraphQLLimitsTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task Introspection_StandardGraphiQLQuery_Succeeds()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(GraphQLQueries.Introspection);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var body = response.Json.AsObject();
        Assert.Equal(["data"], body.Select(property => property.Key));
        Assert.Equal("Query", body["data"]!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
        Assert.Contains(
            body["data"]!["__schema"]!["types"]!.AsArray(),
            type => type!["name"]!.GetValue<string>() == "Tenant");
    }

    [Fact]
    public async Task Depth_SixteenLevels_RefusedBeforeExecuting()
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Limits");

        var response = await client.PostGraphQLAsync(Nested(tenantId, levels: 16));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"Query is too nested to execute. Maximum depth is 16 levels; maximum allowed on this endpoint is 15.",
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }

    [Fact]
    public async Task Complexity_ManyNestedLists_Refused()
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Limits");

        var response = await client.PostGraphQLAsync($$"""
            { tenant(tenantId: "{{tenantId}}") { users { tenants { users { tenants { users {
              roles { name displayName } tenants { id name } } } } } } } }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"Query is too complex to execute. Complexity is 4211112; maximum allowed on this endpoint is 100000.",
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }

    [Fact]
    public async Task Complexity_CachedDocumentRunWithCostlyOperation_StillRefused()
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Limits");
        var document = $$"""
            query Cheap { __typename }
            query Costly { tenant(tenantId: "{{tenantId}}") { users { tenants { users { tenants { users {
              roles { name displayName } tenants { id name } } } } } } } }
            """;
        var cheap = await client.PostGraphQLAsync(document, operationName: "Cheap");

        var costly = await client.PostGraphQLAsync(document, operationName: "Costly");

        cheap.ShouldBe("""{"data":{"__typename":"Query"}}""");
        costly.ShouldBe("""
            {"errors":[{"message":"Query is too complex to execute. Complexity is 4211112; maximum allowed on this endpoint is 100000.",
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }

    [Fact]
    public async Task Depth_CachedDocumentWithSkippedBranchIncluded_StillRefused()
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Limits");
        var document = $$"""
            query ($skip: Boolean!) { __typename tenant(tenantId: "{{tenantId}}") @skip(if: $skip) {
              users { tenants { users { tenants { users { tenants { users { tenants { users { tenants { users {
              tenants { users { tenants { id } } } } } } } } } } } } } } } }
            """;
        var skipped = await client.PostGraphQLAsync(document, """{"skip":true}""");

        var included = await client.PostGraphQLAsync(document, """{"skip":false}""");

        skipped.ShouldBe("""{"data":{"__typename":"Query"}}""");
        Assert.Equal("BAD_REQUEST", included.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.StartsWith(
            "Query is too nested to execute.", included.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.False(included.Json.AsObject().ContainsKey("data"));
    }

    [Fact]
    public async Task Aliases_Thirty_Accepted()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Aliased(30));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var data = new JsonObject();
        for (var i = 1; i <= 30; i++)
        {
            data["a" + i] = "Query";
        }

        response.ShouldBe(new JsonObject { ["data"] = data }.ToJsonString());
    }

    [Fact]
    public async Task Aliases_ThirtyOne_Refused()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Aliased(31));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"The document has 31 aliased fields; at most 30 are allowed.",
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }

    [Theory]
    [InlineData("CreateTenantMutation")]
    [InlineData("TenantAccountUsersViewQuery")]
    [InlineData("TenantEditNameModalMutation")]
    [InlineData("DeleteTenant")]
    [InlineData("TenantUsageQuery")]
    public async Task DocumentedQuery_FullText_PassesLimits(string operationName)
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Limits");
        var (query, variables) = DocumentedQuery(operationName, tenantId);

        var response = await client.PostGraphQLAsync(query, variables);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["data"], response.Json.AsObject().Select(property => property.Key));
    }

    private static string Nested(string tenantId, int levels)
    {
        var query = new StringBuilder($$"""{ tenant(tenantId: "{{tenantId}}") { """);
        for (var level = 2; level < levels; level++)
        {
            query.Append(level % 2 == 0 ? "users { " : "tenants { ");
        }

        query.Append("id");
        query.Append(string.Concat(Enumerable.Repeat(" }", levels)));
        return query.ToString();
    }

    private static string Aliased(int count) =>
        "{ " + string.Join(" ", Enumerable.Range(1, count).Select(i => $"a{i}: __typename")) + " }";

    private static (string Query, string Variables) DocumentedQuery(string operationName, string tenantId) =>
        operationName switch
        {
            "CreateTenantMutation" => (AccountManagementSamples.CreateSchemaText,
                """{"input":{"name":"Documented","canPartnerManage":true,"eventEnrichment":true}}"""),
            "TenantAccountUsersViewQuery" => (AccountManagementSamples.GetSchemaText,
                $$"""{"tenantId":"{{tenantId}}"}"""),
            "TenantEditNameModalMutation" => (AccountManagementSamples.UpdateSchemaText,
                $$$"""{"input":{"tenantId":"{{{tenantId}}}","name":"Renamed","status":0,"canPartnerManage":true}}"""),
            "DeleteTenant" => (AccountManagementSamples.DeleteSchemaText, $$"""{"tenantId":"{{tenantId}}"}"""),
            "TenantUsageQuery" => (AccountManagementSamples.UsageSchemaText, $$"""{"tenantId":"{{tenantId}}"}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(operationName), operationName, "Not a documented query."),
        };
}
