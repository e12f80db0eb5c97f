using System.Net.Http.Headers;
using System.Text;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.ApiAccounts;

public static class TokenRequests
{
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    public static FormUrlEncodedContent ClientCredentials(string clientId, string clientSecret) =>
        Form(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret));

    public static async Task<HttpResponseMessage> PostTokenAsync(
        this GatehouseApplication app,
        HttpContent content,
        string path = "/clients/token",
        AuthenticationHeaderValue? authorization = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    public static AuthenticationHeaderValue Basic(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));

    /// <summary>Posts <c>{ __typename }</c> with <paramref name="token"/> as the bearer token.</summary>
    public static async Task<GraphQLResponse> CallGraphQLAsync(this GatehouseApplication app, string token)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.PostGraphQLAsync("{ __typename }");
    }
}
