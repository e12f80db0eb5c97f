using System.Net;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.ApiAccounts;

/// <summary>Runs on an application of its own: the failures it makes throttle everyone without an address.</summary>
public sealed class TokenThrottleTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task Token_ElevenRequestsAfterTenFailures_Returns429UntilWindowPasses()
    {
        var (clientId, secret) = await app.CreateApiAccountAsync();
        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var failed = await app.PostTokenAsync(TokenRequests.ClientCredentials(clientId, "wrong" + i));
            failures.Add(failed.StatusCode);
        }

        using var throttled = await app.PostTokenAsync(TokenRequests.ClientCredentials(clientId, secret));
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var afterWindow = await app.PostTokenAsync(TokenRequests.ClientCredentials(clientId, secret));

        Assert.All(failures, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(300), throttled.Headers.RetryAfter?.Delta);
        JsonAssert.Equal("""
            {"error":"slow_down",
             "error_description":"Too many failed token requests from this address. Try again in 300 seconds."}
            """, await throttled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }
}
