using System.Data.Common;
using System.Net.Http.Headers;
using Gatehouse.Data;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Tenants;

/// <summary>
/// The users, roles and accounts of an account are loaded in batches: the SQL a query costs does not grow
/// with the number of users it lists.
/// </summary>
public sealed class TenantBatchingTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string UsersWithRolesAndTenants = """
        query ($id: String!) { tenant(tenantId: $id) { id
          users { id email status roles { name displayName tenantName } isSelf canBeDeleted defaultTenantId
            tenants { id name availableRoles { name } users { email } } } } }
        """;

    [Fact]
    public async Task TenantUsers_TwoOrEightUsers_CostTheSameNumberOfSqlCommands()
    {
        var counter = new CommandCounter();
        using var counted = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteGatehouseDbContext>(db => db.AddInterceptors(counter));
            services.ConfigureDbContext<PostgresGatehouseDbContext>(db => db.AddInterceptors(counter));
        }));
        using var client = counted.CreateClient();
        var (clientId, secret) = await app.CreateApiAccountAsync();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", await app.GetTokenAsync(clientId, secret));
        var small = await SeedAccountWithUsersAsync(2);
        var large = await SeedAccountWithUsersAsync(8);

        var (smallResponse, smallCount) = await CountCommandsAsync(client, counter, small);
        var (largeResponse, largeCount) = await CountCommandsAsync(client, counter, large);

        Assert.Equal(2, smallResponse.Json["data"]!["tenant"]!["users"]!.AsArray().Count);
        Assert.Equal(8, largeResponse.Json["data"]!["tenant"]!["users"]!.AsArray().Count);
        Assert.Null(largeResponse.Json["errors"]);
        Assert.True(smallCount > 0, "The interceptor saw no SQL command, so it counts nothing.");
        Assert.Equal(smallCount, largeCount);
    }

    /// <summary>An account whose users each also hold a role in an account of their own.</summary>
    private async Task<string> SeedAccountWithUsersAsync(int users)
    {
        var id = await app.AddTenantAsync(name: "Crowded");
        for (var i = 0; i < users; i++)
        {
            var own = await app.AddTenantAsync(name: "Own " + i);
            var action = i == 0 ? RoleAction.Admin : RoleAction.Manage;
            await app.AddUserAsync(AccountSeeding.NewEmail(), own, (id, action), (own, RoleAction.Admin));
        }

        return id;
    }

    private static async Task<(GraphQLResponse Response, int Commands)> CountCommandsAsync(
        HttpClient client,
        CommandCounter counter,
        string id)
    {
        counter.Reset();
        var response = await client.PostGraphQLAsync(UsersWithRolesAndTenants, $$"""{"id":"{{id}}"}""");
        return (response, counter.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<object> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<object> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<int> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command,
            CommandEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
