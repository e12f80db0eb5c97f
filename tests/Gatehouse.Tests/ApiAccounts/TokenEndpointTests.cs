using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.ApiAccounts;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.ApiAccounts;

public sealed class TokenEndpointTests(TokenEndpointApplication fixture) : IClassFixture<TokenEndpointApplication>
{
    private const string InvalidClient = """
        {"error":"invalid_client","error_description":"Unknown client_id or wrong client_secret."}
        """;

    private GatehouseApplication App => fixture.App;

    [Theory]
    [InlineData("urlencoded")]
    [InlineData("multipart")]
    public async Task Token_FormBody_ReturnsBearerTokenThatIsNotCached(string encoding)
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();
        using HttpContent content = encoding == "multipart"
            ? Multipart(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret))
            : TokenRequests.ClientCredentials(clientId, secret);

        using var response = await App.PostTokenAsync(content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control must say no-store.");
        var token = await AssertTokenResponseAsync(response);
        (await App.CallGraphQLAsync(token)).ShouldBe("""{"data":{"__typename":"Query"}}""");
    }

    [Fact]
    public async Task Token_HttpBasicClientAuthentication_ReturnsWorkingToken()
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();

        using var response = await App.PostTokenAsync(
            TokenRequests.Form(("grant_type", "client_credentials")),
            authorization: TokenRequests.Basic(clientId, secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await AssertTokenResponseAsync(response);
        (await App.CallGraphQLAsync(token)).ShouldBe("""{"data":{"__typename":"Query"}}""");
    }

    [Theory]
    [InlineData("/clients/token")]
    [InlineData("/clients/token/")]
    public async Task Token_PathWithOrWithoutTrailingSlash_ReturnsToken(string path)
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();

        using var response = await App.PostTokenAsync(TokenRequests.ClientCredentials(clientId, secret), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertTokenResponseAsync(response);
    }

    [Theory]
    [InlineData("grant_type", "grant_type is required and must be client_credentials.")]
    [InlineData("client_secret", "client_id and client_secret are required.")]
    [InlineData("client_id", "client_id and client_secret are required.")]
    public async Task Token_MissingField_Returns400InvalidRequest(string missing, string description)
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();
        (string Name, string Value)[] fields =
            [("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret)];

        using var response = await App.PostTokenAsync(TokenRequests.Form([.. fields.Where(f => f.Name != missing)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal(
            new JsonObject { ["error"] = "invalid_request", ["error_description"] = description }.ToJsonString(),
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_PasswordGrant_Returns400UnsupportedGrantType()
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();

        using var response = await App.PostTokenAsync(TokenRequests.Form(
            ("grant_type", "password"), ("client_id", clientId), ("client_secret", secret),
            ("username", "someone"), ("password", "secret")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal("""
            {"error":"unsupported_grant_type",
             "error_description":"grant_type 'password' is not supported; use client_credentials."}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_WrongSecretOrUnknownClient_Returns401WithIdenticalBodies()
    {
        var (clientId, _) = await App.CreateApiAccountAsync();

        using var wrongSecret = await App.PostTokenAsync(TokenRequests.ClientCredentials(clientId, "not-the-secret"));
        using var unknownClient = await App.PostTokenAsync(TokenRequests.ClientCredentials("nobody", "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownClient.StatusCode);
        var wrongSecretBody = await wrongSecret.Content.ReadAsStringAsync();
        JsonAssert.Equal(InvalidClient, wrongSecretBody);
        Assert.Equal(wrongSecretBody, await unknownClient.Content.ReadAsStringAsync());
        Assert.Equal("Basic realm=\"gatehouse\"", wrongSecret.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_MultipartWithoutBoundary_Returns400InvalidRequest()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("client_id=x"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");

        using var response = await App.PostTokenAsync(content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_JsonBody_Returns400InvalidRequest()
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();
        var json = new JsonObject
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };

        using var response = await App.PostTokenAsync(
            new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal("""
            {"error":"invalid_request",
             "error_description":"Send the token request as application/x-www-form-urlencoded or multipart/form-data."}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_TokenPastItsTenHours_Returns401InvalidToken()
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();
        var token = await App.GetTokenAsync(clientId, secret);
        App.Clock.Advance(TimeSpan.FromHours(10) - TimeSpan.FromSeconds(1));
        var lastSecond = await App.CallGraphQLAsync(token);
        App.Clock.Advance(TimeSpan.FromSeconds(2));

        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsync("/hub/graphql/", JsonContent("{ __typename }"));

        Assert.Equal(HttpStatusCode.OK, lastSecond.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer ", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        JsonAssert.Equal("""
            {"errors":[{"message":"The access token is unknown, expired or revoked. Get a new one from /clients/token.",
              "extensions":{"code":"UNAUTHORIZED","status":401}}]}
            """, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_TokenOfRemovedApiAccount_Returns401AtOnce()
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();
        var token = await App.GetTokenAsync(clientId, secret);
        var beforeRemoval = await App.CallGraphQLAsync(token);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<ApiAccountService>();
            Assert.True(await accounts.RemoveAsync(clientId, default));
        }

        var response = await App.CallGraphQLAsync(token);

        Assert.Equal(HttpStatusCode.OK, beforeRemoval.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"The access token is unknown, expired or revoked. Get a new one from /clients/token.",
              "extensions":{"code":"UNAUTHORIZED","status":401}}]}
            """);
    }

    [Fact]
    public async Task Storage_SecretAndToken_StoredOnlyAsSha256Hashes()
    {
        var (clientId, secret) = await App.CreateApiAccountAsync();
        var token = await App.GetTokenAsync(clientId, secret);

        var accounts = await ReadTableAsync("ApiAccounts");
        var tokens = await ReadTableAsync("ApiTokens");

        var account = Assert.Single(accounts, row => Equals(row["Name"], clientId));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), account["SecretHash"]);
        var tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Assert.Single(tokens, row => ((byte[])row["TokenHash"]!).SequenceEqual(tokenHash));
        var stored = accounts.Concat(tokens).SelectMany(row => row.Values).SelectMany(Renderings).ToList();
        Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, value => value.Contains(token, StringComparison.Ordinal));
    }

    private static async Task<string> AssertTokenResponseAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var token = JsonNode.Parse(body)!["token"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        JsonAssert.Equal($$"""
            {"token":"{{token}}","access_token":"{{token}}","token_type":"Bearer","expires_in":36000}
            """, body);
        return token;
    }

    private static MultipartFormDataContent Multipart(params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    private static StringContent JsonContent(string query) =>
        new(new JsonObject { ["query"] = query }.ToJsonString(), Encoding.UTF8, "application/json");

    // A stored value could hold a credential as text or as its bytes; each rendering is searched.
    private static IEnumerable<string> Renderings(object? value) => value switch
    {
        byte[] bytes => [Encoding.UTF8.GetString(bytes), Convert.ToHexString(bytes), Convert.ToBase64String(bytes)],
        null => [],
        _ => [Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""],
    };

    private async Task<List<Dictionary<string, object?>>> ReadTableAsync(string table)
    {
        var rows = new List<Dictionary<string, object?>>();
        await App.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount)
                    .ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
            }
        });
        return rows;
    }
}
