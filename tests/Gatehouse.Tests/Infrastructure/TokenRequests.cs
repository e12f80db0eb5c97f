using System.Net.Http.Json;

namespace Gatehouse.Tests.Infrastructure;

public static class TokenRequests
{
    /// <summary>Exchanges client credentials for an access token at POST /clients/token.</summary>
    public static async Task<string> GetTokenAsync(this HttpClient client, string clientId, string clientSecret)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["grant_type"] = "client_credentials",
        });
        using var response = await client.PostAsync("/clients/token", form);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return body!["token"].ToString()!;
    }
}
