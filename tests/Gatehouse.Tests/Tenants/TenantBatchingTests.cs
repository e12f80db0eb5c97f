using System.Net.Http.Headers;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gatehouse.Tests.Tenants;

/// <summary>
/// The users, roles, accounts and usage of an account are loaded in batches: the SQL a query costs does not
/// grow with the number of users or accounts it lists.
/// </summary>
public sealed class TenantBatchingTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string UsersWithRolesAndTenants = """
        query ($id: String!) { tenant(tenantId: $id) { id
          users { id email status roles { name displayName tenantName } isSelf canBeDeleted defaultTenantId
            tenants { id name availableRoles { name } users { email } } } } }
        """;

    private const string UsageOfEveryAccountOfEveryUser = """
        query ($id: String!) { tenant(tenantId: $id) { id
          users { email tenants { id tenantUsage { totalPixels tenantUsageByTraffic { totalEventsReceived } } } } } }
        """;

    [Fact]
    public async Task TenantUsers_TwoOrEightUsers_CostTheSameNumberOfSqlCommands()
    {
        var counter = new CommandCounter();
        using var counted = app.WithCounter(counter);
        using var client = await CreateApiClientAsync(counted);
        var small = await SeedAccountWithUsersAsync(2);
        var large = await SeedAccountWithUsersAsync(8);

        var (smallResponse, smallCount) = await CountCommandsAsync(client, counter, UsersWithRolesAndTenants, small);
        var (largeResponse, largeCount) = await CountCommandsAsync(client, counter, UsersWithRolesAndTenants, large);

        Assert.Equal(2, smallResponse.Json["data"]!["tenant"]!["users"]!.AsArray().Count);
        Assert.Equal(8, largeResponse.Json["data"]!["tenant"]!["users"]!.AsArray().Count);
        Assert.Null(largeResponse.Json["errors"]);
        Assert.True(smallCount > 0, "The interceptor saw no SQL command, so it counts nothing.");
        Assert.Equal(smallCount, largeCount);
    }

    // Usage used to cost three queries per account, so a document listing the accounts of every user grew
    // with the number of accounts.
    [Fact]
    public async Task TenantUsage_TwoOrSixAccountsPerUser_CostsTheSameNumberOfSqlCommands()
    {
        var counter = new CommandCounter();
        using var counted = app.WithCounter(counter);
        using var client = await CreateApiClientAsync(counted);
        var (small, smallUsage) = await SeedUsersWithAccountsAsync(2);
        var (large, largeUsage) = await SeedUsersWithAccountsAsync(6);

        var (smallResponse, smallCount) =
            await CountCommandsAsync(client, counter, UsageOfEveryAccountOfEveryUser, small);
        var (largeResponse, largeCount) =
            await CountCommandsAsync(client, counter, UsageOfEveryAccountOfEveryUser, large);

        AssertUsagePerAccount(smallUsage, smallResponse, accountsPerUser: 2);
        AssertUsagePerAccount(largeUsage, largeResponse, accountsPerUser: 6);
        Assert.True(smallCount > 0, "The interceptor saw no SQL command, so it counts nothing.");
        Assert.Equal(smallCount, largeCount);
    }

    private async Task<HttpClient> CreateApiClientAsync(WebApplicationFactory<Program> factory)
    {
        var (clientId, secret) = await app.CreateApiAccountAsync();
        var token = await app.GetTokenAsync(clientId, secret);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
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

    /// <summary>
    /// Three users of a shared account, each also the admin of accounts of their own, so that each user
    /// belongs to <paramref name="accountsPerUser"/> accounts. Every account has a different number of
    /// pixels and events; the result maps each account to them.
    /// </summary>
    private async Task<(string Id, Dictionary<string, (long Pixels, long Events)> Usage)> SeedUsersWithAccountsAsync(
        int accountsPerUser)
    {
        var usage = new Dictionary<string, (long Pixels, long Events)>();
        var shared = await app.AddTenantAsync(name: "Shared");
        usage[shared] = await SeedUsageAsync(shared, usage.Count + 1);
        for (var i = 0; i < 3; i++)
        {
            var roles = new List<(string, RoleAction)> { (shared, i == 0 ? RoleAction.Admin : RoleAction.Manage) };
            for (var j = 1; j < accountsPerUser; j++)
            {
                var own = await app.AddTenantAsync(name: $"Own {i}-{j}");
                usage[own] = await SeedUsageAsync(own, usage.Count + 1);
                roles.Add((own, RoleAction.Admin));
            }

            await app.AddUserAsync(AccountSeeding.NewEmail(), shared, [.. roles]);
        }

        return (shared, usage);
    }

    private async Task<(long Pixels, long Events)> SeedUsageAsync(string tenantId, int pixelCount)
    {
        var pixels = AccountSeeding.NewPixelIds(pixelCount);
        await app.AddPixelsAsync(tenantId, [.. pixels.Select(pixel => (pixel, true))]);
        await app.AddTrafficAsync(tenantId, pixels[0], TimeSpan.FromMinutes(1), 1000L * pixelCount);
        return (pixelCount, 1000L * pixelCount);
    }

    private static void AssertUsagePerAccount(
        Dictionary<string, (long Pixels, long Events)> expected,
        GraphQLResponse response,
        int accountsPerUser)
    {
        Assert.Null(response.Json["errors"]);
        var users = response.Json["data"]!["tenant"]!["users"]!.AsArray();
        Assert.Equal(3, users.Count);
        Assert.All(users, user => Assert.Equal(accountsPerUser, user!["tenants"]!.AsArray().Count));
        var seen = users.SelectMany(user => user!["tenants"]!.AsArray()).Select(tenant => (
            Id: tenant!["id"]!.GetValue<string>(),
            Pixels: tenant["tenantUsage"]!["totalPixels"]!.GetValue<long>(),
            Events: tenant["tenantUsage"]!["tenantUsageByTraffic"]!["totalEventsReceived"]!.GetValue<long>()))
            .ToList();
        Assert.Equal(expected.Keys.Order(), seen.Select(account => account.Id).Distinct().Order());
        Assert.All(seen, account => Assert.Equal(expected[account.Id], (account.Pixels, account.Events)));
    }

    private static async Task<(GraphQLResponse Response, int Commands)> CountCommandsAsync(
        HttpClient client,
        CommandCounter counter,
        string query,
        string id)
    {
        counter.Reset();
        var response = await client.PostGraphQLAsync(query, $$"""{"id":"{{id}}"}""");
        return (response, counter.Count);
    }
}
