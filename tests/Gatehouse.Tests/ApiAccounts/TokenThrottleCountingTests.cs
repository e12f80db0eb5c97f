using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Gatehouse.Data;
using Gatehouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.ApiAccounts;

/// <summary>
/// Which token requests count towards the throttle. Each test starts a fresh application, because the
/// throttle remembers every failure of the test server, which reports no client address.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the application through IAsyncLifetime.")]
public sealed class TokenThrottleCountingTests : IAsyncLifetime
{
    private readonly GatehouseApplication _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    // The limit used to be checked before an attempt and counted after it failed, so parallel guesses all
    // passed the check before the first of them was counted.
    [Fact]
    public async Task Token_TwentyParallelWrongSecrets_RefusesAllButTenWith429()
    {
        var (clientId, _) = await _app.CreateApiAccountAsync();
        using var slow = WithSlowDatabase();

        var statuses = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => PostStatusAsync(slow, clientId, "wrong" + i)));

        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Token_SuccessesBetweenFailures_DoNotCountTowardsLimit()
    {
        var (clientId, secret) = await _app.CreateApiAccountAsync();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 9; i++)
        {
            statuses.Add(await PostStatusAsync(_app, clientId, "wrong" + i));
        }

        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await PostStatusAsync(_app, clientId, secret));
        }

        statuses.Add(await PostStatusAsync(_app, clientId, "wrong9"));
        statuses.Add(await PostStatusAsync(_app, clientId, "wrong10"));

        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 9), .. Enumerable.Repeat(HttpStatusCode.OK, 5),
                HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            statuses);
    }

    /// <summary>
    /// The application on a database that takes a moment to answer, as one across a network does, so that
    /// parallel requests are all in flight at once on SQLite too, whose driver otherwise answers in line.
    /// </summary>
    private WebApplicationFactory<Program> WithSlowDatabase() =>
        _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteGatehouseDbContext>(db => db.AddInterceptors(new SlowQueries()));
            services.ConfigureDbContext<PostgresGatehouseDbContext>(db => db.AddInterceptors(new SlowQueries()));
        }));

    private static async Task<HttpStatusCode> PostStatusAsync(
        WebApplicationFactory<Program> server,
        string clientId,
        string clientSecret)
    {
        using var client = server.CreateClient();
        using var content = TokenRequests.ClientCredentials(clientId, clientSecret);
        using var response = await client.PostAsync("/clients/token", content);
        return response.StatusCode;
    }

    private sealed class SlowQueries : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            return result;
        }
    }
}
