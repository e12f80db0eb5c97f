using System.Net;

namespace Gatehouse.Tests.Infrastructure;

public static class TenantRequests
{
    private const string CreateTenant = """
        mutation ($input: CreateTenantInput!) {
          tenantMutations { createTenant(input: $input) { tenant { id } } }
        }
        """;

    /// <summary>
    /// Creates an account the partner manages and returns its id once the API has acknowledged it.
    /// </summary>
    public static async Task<string> CreateManagedTenantAsync(this HttpClient client, string name)
    {
        var variables = $$$"""{"input":{"name":"{{{name}}}","canPartnerManage":true,"eventEnrichment":false}}""";

        var response = await client.PostGraphQLAsync(CreateTenant, variables);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.Json["errors"]);
        return response.Json["data"]!["tenantMutations"]!["createTenant"]!["tenant"]!["id"]!.GetValue<string>();
    }

    /// <summary>Reads an account back: what a client sees of it after the fact.</summary>
    public static Task<GraphQLResponse> GetTenantAsync(this HttpClient client, string tenantId) =>
        client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { id name canPartnerManage } }",
            $$"""{"id":"{{tenantId}}"}""");
}
