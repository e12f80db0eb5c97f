using System.Net;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Hosting;

/// <summary>
/// OpenTelemetry listens to meters by name, so an application running beside another in the same process
/// would read the other's counters too: the metrics tests run alone, one application at a time.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsRunAlone;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string TokenRequests = "gatehouse_token_requests_total";
    private const string GraphQLRequests = "gatehouse_graphql_requests_total";

    [Fact]
    public async Task Metrics_FailedAndIssuedTokens_CountEachOutcome()
    {
        var (clientId, secret) = await app.CreateApiAccountAsync();
        using var client = app.CreateClient();
        var before = await PrometheusText.ScrapeAsync(client);

        using var wrong1 = await PostTokenAsync(client, clientId, "wrong-secret");
        using var wrong2 = await PostTokenAsync(client, clientId, "wrong-secret");
        using var issued = await PostTokenAsync(client, clientId, secret);
        var after = await PrometheusText.ScrapeAsync(client);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(2, Increase(before, after, TokenRequests, "outcome=\"invalid_client\""));
        Assert.Equal(1, Increase(before, after, TokenRequests, "outcome=\"issued\""));
    }

    [Fact]
    public async Task Metrics_GraphQLRequests_CountOutcomeAndDuration()
    {
        using var api = await app.CreateApiClientAsync();
        using var anonymous = app.CreateClient();
        var before = await PrometheusText.ScrapeAsync(anonymous);

        await api.PostGraphQLAsync("{ __typename }");
        await api.PostGraphQLAsync("{ noSuchField }");
        await anonymous.PostGraphQLAsync("{ __typename }");
        var after = await PrometheusText.ScrapeAsync(anonymous);

        Assert.Equal(1, Increase(before, after, GraphQLRequests, "outcome=\"ok\""));
        Assert.Equal(1, Increase(before, after, GraphQLRequests, "outcome=\"error\""));
        Assert.Equal(1, Increase(before, after, GraphQLRequests, "outcome=\"refused\""));
        Assert.Equal(2, Increase(before, after, "gatehouse_graphql_request_duration_seconds_count", "schema=\"hub\""));
    }

    [Fact]
    public async Task Metrics_WrongPassword_CountsInvalidSignIn()
    {
        using var client = app.CreateClient();
        var before = await PrometheusText.ScrapeAsync(client);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
            await signIn.CheckAsync($"nobody-{Guid.NewGuid():N}@example.com", "not the password", default);
        }

        var after = await PrometheusText.ScrapeAsync(client);

        Assert.Equal(1, Increase(before, after, "gatehouse_hub_sign_ins_total", "outcome=\"invalid\""));
    }

    private static double Increase(string before, string after, string name, string label) =>
        PrometheusText.Sample(after, name, label) - PrometheusText.Sample(before, name, label);

    private static async Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string id, string secret)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        });
        return await client.PostAsync("/clients/token", form);
    }
}
