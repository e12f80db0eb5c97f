using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Tests.Infrastructure;

public sealed record GraphQLResponse(HttpStatusCode Status, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>Asserts the whole body equals <paramref name="expected"/>, ignoring formatting.</summary>
    public void ShouldBe(string expected) => JsonAssert.Equal(expected, Body);
}

public static class GraphQLClient
{
    /// <summary>Posts a GraphQL request as JSON, the way the documentation's clients do.</summary>
    public static async Task<GraphQLResponse> PostGraphQLAsync(
        this HttpClient client,
        string query,
        string? variablesJson = null,
        string path = "/hub/graphql/",
        string? operationName = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variablesJson is not null)
        {
            body["variables"] = JsonNode.Parse(variablesJson);
        }

        if (operationName is not null)
        {
            body["operationName"] = operationName;
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        return new GraphQLResponse(response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

public static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        var actualNode = JsonNode.Parse(actual);
        if (!JsonNode.DeepEquals(expectedNode, actualNode))
        {
            var options = new JsonSerializerOptions { WriteIndented = true };
            Assert.Equal(expectedNode!.ToJsonString(options), actualNode?.ToJsonString(options));
        }
    }
}
