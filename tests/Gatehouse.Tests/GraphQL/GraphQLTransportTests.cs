using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.GraphQL;

public sealed class GraphQLTransportTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string GraphQLResponseType = "application/graphql-response+json";

    private const string CreateTenant = """
        mutation {
          tenantMutations {
            createTenant(input: {name: "Sneaky", canPartnerManage: true, eventEnrichment: false}) { tenant { id } }
          }
        }
        """;

    [Fact]
    public async Task GraphQL_WithoutToken_Returns401WithBearerChallenge()
    {
        using var client = app.CreateClient();

        using var response = await PostAsync(client, """{"query":"{ __typename }"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        JsonAssert.Equal("""
            {"errors":[{"message":"Send an access token from /clients/token in the header 'Authorization: Bearer TOKEN'.",
              "extensions":{"code":"UNAUTHORIZED","status":401}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_GetRequest_Returns405WithAllowPost()
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await client.GetAsync("/hub/graphql/?query=%7B__typename%7D");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        JsonAssert.Equal("""
            {"errors":[{"message":"GraphQL requests are sent with POST.",
              "extensions":{"code":"METHOD_NOT_ALLOWED","status":405}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_TextPlainMutation_Returns415WithoutExecuting()
    {
        using var client = await app.CreateApiClientAsync();
        var before = await CountTenantsAsync();
        var body = new JsonObject { ["query"] = CreateTenant }.ToJsonString();

        using var response = await PostAsync(client, body, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        JsonAssert.Equal("""
            {"errors":[{"message":"The request body must be sent as application/json.",
              "extensions":{"code":"UNSUPPORTED_MEDIA_TYPE","status":415}}]}
            """, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountTenantsAsync());
    }

    [Fact]
    public async Task GraphQL_SameMutationAsJson_CreatesAccount()
    {
        using var client = await app.CreateApiClientAsync();
        var before = await CountTenantsAsync();

        var response = await client.PostGraphQLAsync(CreateTenant);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(before + 1, await CountTenantsAsync());
    }

    [Fact]
    public async Task GraphQL_FormBody_Returns415()
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, "query=%7B__typename%7D", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        JsonAssert.Equal("""
            {"errors":[{"message":"The request body must be sent as application/json.",
              "extensions":{"code":"UNSUPPORTED_MEDIA_TYPE","status":415}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_AcceptHtmlOnly_Returns406()
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, """{"query":"{ __typename }"}""", accept: "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonAssert.Equal("""
            {"errors":[{"message":"The Accept header must allow application/graphql-response+json or application/json.",
              "extensions":{"code":"NOT_ACCEPTABLE","status":406}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(GraphQLResponseType, GraphQLResponseType)]
    [InlineData("application/json", "application/json")]
    [InlineData("*/*", "application/json")]
    public async Task GraphQL_AcceptHeader_ChoosesResponseType(string accept, string expected)
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, """{"query":"{ __typename }"}""", accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        JsonAssert.Equal("""{"data":{"__typename":"Query"}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(GraphQLResponseType, HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task GraphQL_ValidationError_StatusFollowsResponseType(string accept, HttpStatusCode expected)
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, """{"query":"{ nothingHere }"}""", accept: accept);

        Assert.Equal(expected, response.StatusCode);
        JsonAssert.Equal("""
            {"errors":[{"message":"Cannot query field 'nothingHere' on type 'Query'.",
              "locations":[{"line":1,"column":3}],
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_MalformedJson_Returns400BadRequest()
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, """{"query": "{ __typename }" """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(["errors"], body.Select(property => property.Key));
        Assert.StartsWith(
            "The request body is not valid JSON", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        JsonAssert.Equal("""{"code":"BAD_REQUEST","status":400}""", error["extensions"]!.ToJsonString());
    }

    [Fact]
    public async Task GraphQL_JsonArrayBody_Returns400()
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, """[{"query":"{ __typename }"},{"query":"{ __typename }"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal("""
            {"errors":[{"message":"The request body must be one JSON object: {\"query\": \"...\", \"variables\": {...}}. Batches (JSON arrays) are not supported.",
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_MissingQuery_Returns400()
    {
        using var client = await app.CreateApiClientAsync();

        using var response = await PostAsync(client, """{"variables":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal("""
            {"errors":[{"message":"The request has no query: set the \"query\" field.",
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_BodyOf101KiB_Returns413()
    {
        using var client = await app.CreateApiClientAsync();
        var padding = new string(' ', 101 * 1024);

        using var response = await PostAsync(client, "{\"query\":\"{ __typename }\"" + padding + "}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        JsonAssert.Equal("""
            {"errors":[{"message":"The request body is larger than 102400 bytes.",
              "extensions":{"code":"PAYLOAD_TOO_LARGE","status":413}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/hub/graphql")]
    [InlineData("/hub/graphql/")]
    public async Task GraphQL_PathWithOrWithoutTrailingSlash_Executes(string path)
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync("{ __typename }", path: path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""{"data":{"__typename":"Query"}}""");
    }

    [Theory]
    [InlineData("First", """{"data":{"first":"Query"}}""")]
    [InlineData("Second", """{"data":{"second":"Query"}}""")]
    public async Task GraphQL_OperationName_SelectsOperation(string operationName, string expected)
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "query First { first: __typename } query Second { second: __typename }",
            operationName: operationName);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe(expected);
    }

    [Fact]
    public async Task GraphQL_FieldNameCloseToRealOne_ErrorHasNoSuggestion()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync("""{ tenan(tenantId: "x") { id } }""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"Cannot query field 'tenan' on type 'Query'.",
              "locations":[{"line":1,"column":3}],
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
        Assert.DoesNotContain("Did you mean", response.Body, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        string body,
        string contentType = "application/json",
        string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hub/graphql/")
        {
            Content = new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)),
        };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.SendAsync(request);
    }

    private async Task<int> CountTenantsAsync()
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Tenants.CountAsync());
        return count;
    }
}
