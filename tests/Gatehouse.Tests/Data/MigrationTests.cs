using System.Net.Http.Headers;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Restart_OnDatabaseWithData_AppliesNothingAndKeepsData()
    {
        await using var database = new TestDatabase();
        string tenantId;
        (string ClientId, string ClientSecret) credentials;
        await using (var first = new GatehouseApplication(database))
        {
            await first.InitializeAsync();
            credentials = await first.CreateApiAccountAsync();
            using var client = first.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", await first.GetTokenAsync(credentials.ClientId, credentials.ClientSecret));
            tenantId = await client.CreateManagedTenantAsync("Kept across restarts");
        }

        await using var second = new GatehouseApplication(database);
        await second.InitializeAsync();
        var pending = new List<string>();
        var applied = new List<string>();
        var known = new List<string>();
        await second.WithDbAsync(async db =>
        {
            pending.AddRange(await db.Database.GetPendingMigrationsAsync());
            applied.AddRange(await db.Database.GetAppliedMigrationsAsync());
            known.AddRange(db.Database.GetMigrations());
        });
        using var after = second.CreateClient();
        after.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", await second.GetTokenAsync(credentials.ClientId, credentials.ClientSecret));
        var tenant = await after.GetTenantAsync(tenantId);

        Assert.Empty(pending);
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        tenant.ShouldBe($$"""
            {"data":{"tenant":{"id":"{{tenantId}}","name":"Kept across restarts","canPartnerManage":true} } }
            """);
    }

    [Fact]
    public async Task MigrateCommand_OnUpToDateDatabase_ReportsUpToDateAndKeepsData()
    {
        await using var database = new TestDatabase();
        var environment = ServerProcess.EnvironmentFor(database);
        var first = await ServerProcess.RunAsync(environment, "migrate");
        var added = await ServerProcess.RunAsync(environment, "api-accounts", "add", "keeper");

        var second = await ServerProcess.RunAsync(environment, "migrate");
        var list = await ServerProcess.RunAsync(environment, "api-accounts", "list", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("Applied ", first.Output);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal((0, "The database is up to date.\n", ""), (second.ExitCode, second.Output, second.Error));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\"name\":\"keeper\"", list.Output);
    }

    // The refusal used to end the process as an unhandled exception, with exit code 134 instead of 1.
    [Fact]
    public async Task Server_MigrateOnStartupOffAndEmptyDatabase_RefusesToStartUntilMigrateRuns()
    {
        await using var database = new TestDatabase();
        var environment = ServerProcess.EnvironmentFor(database);
        environment["Database__MigrateOnStartup"] = "false";

        var refused = await ServerProcess.RunAsync(environment, "--urls", "http://127.0.0.1:0");
        var migrate = await ServerProcess.RunAsync(environment, "migrate");
        await using var server = await ServerProcess.StartAsync(environment);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Gatehouse cannot start: ", refused.Output + refused.Error);
        Assert.Contains("Run 'gatehouse migrate'", refused.Output + refused.Error);
        Assert.Equal(0, migrate.ExitCode);
        Assert.StartsWith("Applied ", migrate.Output);
    }

    [PostgresFact]
    public async Task Server_PostgresWithoutMigrateOnStartupSetting_RefusesToStartOnEmptyDatabase()
    {
        await using var database = new TestDatabase();
        var environment = ServerProcess.EnvironmentFor(database);

        var refused = await ServerProcess.RunAsync(environment, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Gatehouse cannot start: ", refused.Output + refused.Error);
        Assert.Contains("Run 'gatehouse migrate'", refused.Output + refused.Error);
    }
}
