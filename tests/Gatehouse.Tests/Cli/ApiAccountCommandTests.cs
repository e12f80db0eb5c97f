using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Cli;

// The operator CLI runs as its own process on the server's database, as it does in production.
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the database through IAsyncLifetime.")]
public sealed partial class ApiAccountCommandTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly Dictionary<string, string?> _environment;

    public ApiAccountCommandTests()
    {
        _environment = ServerProcess.EnvironmentFor(_database);
        _environment["Database__MigrateOnStartup"] = "true";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 disposes test classes through IAsyncLifetime, not IAsyncDisposable.
    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Add_ValidName_PrintsSecretOnlyOnce()
    {
        var added = await RunAsync("api-accounts", "add", "partner1");
        var list = await RunAsync("api-accounts", "list");
        var listJson = await RunAsync("api-accounts", "list", "--json");

        var secret = SecretLine().Match(added.Output).Groups[1].Value;
        Assert.Equal(0, added.ExitCode);
        Assert.Equal($"""
            API account 'partner1' created.
              client_id:     partner1
              client_secret: {secret}
            The secret is shown only this once: store it now. Exchange both for a token at POST /clients/token.

            """, added.Output);
        Assert.Equal("", added.Error);
        Assert.Matches("^[A-Za-z0-9_-]{40,}$", secret);
        Assert.DoesNotContain(secret, list.Output + listJson.Output);
    }

    [Fact]
    public async Task AddJson_ValidName_PrintsOneLineOfCredentialsThatGetAToken()
    {
        var added = await RunAsync("api-accounts", "add", "partner2", "--json");

        var secret = JsonNode.Parse(added.Output)!["client_secret"]!.GetValue<string>();
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var token = await app.GetTokenAsync("partner2", secret);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal($$"""{"client_id":"partner2","client_secret":"{{secret}}"}""" + "\n", added.Output);
        Assert.Equal("", added.Error);
        Assert.NotEmpty(token);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("abcdefghijklmnopqrstu")]
    [InlineData("")]
    [InlineData("partner-1")]
    [InlineData("partner!")]
    public async Task Add_InvalidName_ExitsOneAndCreatesNothing(string name)
    {
        var added = await RunAsync("api-accounts", "add", name);

        var list = await RunAsync("api-accounts", "list", "--json");
        Assert.Equal(1, added.ExitCode);
        Assert.Equal("", added.Output);
        Assert.Equal($"The name '{name}' is not valid: use 1 to 20 letters or digits, no spaces.\n", added.Error);
        Assert.Equal("[]\n", list.Output);
    }

    [Fact]
    public async Task Add_TwentyCharacterName_IsAccepted()
    {
        var added = await RunAsync("api-accounts", "add", "abcdefghijklmnopqrst", "--json");

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("""{"client_id":"abcdefghijklmnopqrst","client_secret":""", added.Output);
    }

    [Fact]
    public async Task Add_ExistingName_ExitsOneAndKeepsTheFirstAccount()
    {
        var first = await RunAsync("api-accounts", "add", "twice", "--json");

        var second = await RunAsync("api-accounts", "add", "twice", "--json");

        var secret = JsonNode.Parse(first.Output)!["client_secret"]!.GetValue<string>();
        var list = await RunAsync("api-accounts", "list", "--json");
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        Assert.Equal((1, ""), (second.ExitCode, second.Output));
        Assert.Equal("An API account named 'twice' already exists.\n", second.Error);
        Assert.Single(JsonNode.Parse(list.Output)!.AsArray());
        Assert.NotEmpty(await app.GetTokenAsync("twice", secret));
    }

    [Fact]
    public async Task List_TwoAccounts_ShowsNamesInOrder()
    {
        await RunAsync("api-accounts", "add", "bravo");
        await RunAsync("api-accounts", "add", "alpha");

        var list = await RunAsync("api-accounts", "list");
        var listJson = await RunAsync("api-accounts", "list", "--json");

        Assert.Equal(0, list.ExitCode);
        Assert.Matches(
            @"^NAME {18}CREATED \(UTC\)\nalpha {17}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\nbravo {17}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n$",
            list.Output);
        Assert.Equal(0, listJson.ExitCode);
        var rows = JsonNode.Parse(listJson.Output)!.AsArray();
        Assert.Equal(["alpha", "bravo"], rows.Select(r => r!["name"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.True(DateTime.TryParse(r!["created_at"]!.GetValue<string>(), out _)));
    }

    [Fact]
    public async Task List_NoAccounts_SaysHowToCreateOne()
    {
        var list = await RunAsync("api-accounts", "list");

        Assert.Equal((0, "No API accounts. Create one with: api-accounts add NAME\n"), (list.ExitCode, list.Output));
    }

    [Fact]
    public async Task Remove_AccountWithLiveToken_RejectsTheTokenAtOnce()
    {
        var added = await RunAsync("api-accounts", "add", "leaving", "--json");
        var secret = JsonNode.Parse(added.Output)!["client_secret"]!.GetValue<string>();
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", await app.GetTokenAsync("leaving", secret));
        var before = await client.PostGraphQLAsync("{ __typename }");

        var removed = await RunAsync("api-accounts", "remove", "leaving");

        var after = await client.PostGraphQLAsync("{ __typename }");
        var list = await RunAsync("api-accounts", "list", "--json");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal("API account 'leaving' removed. Its tokens stopped working at once.\n", removed.Output);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal("[]\n", list.Output);
    }

    [Fact]
    public async Task Remove_UnknownName_ExitsOne()
    {
        var removed = await RunAsync("api-accounts", "remove", "ghost");

        Assert.Equal((1, ""), (removed.ExitCode, removed.Output));
        Assert.Equal("No API account named 'ghost'.\n", removed.Error);
    }

    // Bad usage used to create and migrate the database before printing the usage text.
    [Theory]
    [InlineData("api-accounts")]
    [InlineData("api-accounts add")]
    [InlineData("api-accounts remove")]
    [InlineData("api-accounts rename a b")]
    [InlineData("api-accounts add a b")]
    [InlineData("api-accounts list extra")]
    [InlineData("api-accounts frob")]
    public async Task Command_WrongArguments_ExitsTwoWithUsageAndLeavesTheDatabaseAlone(string command)
    {
        var result = await RunAsync(command.Split(' '));

        Assert.Equal((2, ""), (result.ExitCode, result.Output));
        Assert.StartsWith("Usage:", result.Error);
        Assert.Contains("gatehouse api-accounts add NAME [--json]", result.Error);
        Assert.False(await _database.HasContentAsync(), "Bad usage created or migrated the database.");
    }

    [PostgresFact]
    public async Task List_PostgresSchemaBehind_ExitsOneAndSaysToMigrate()
    {
        var environment = ServerProcess.EnvironmentFor(_database);

        var list = await ServerProcess.RunAsync(environment, "api-accounts", "list");

        AssertRefusedUntilMigrated(list);
        Assert.False(await _database.HasContentAsync(), "The command migrated the database on its own.");
    }

    [Fact]
    public async Task List_MigrateOnStartupOffAndEmptyDatabase_ExitsOneAndSaysToMigrate()
    {
        _environment["Database__MigrateOnStartup"] = "false";

        var list = await RunAsync("api-accounts", "list");

        AssertRefusedUntilMigrated(list);
    }

    // The refusal used to escape as an unhandled exception: a stack trace on standard error and exit code 134.
    private static void AssertRefusedUntilMigrated(CommandResult result)
    {
        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.Matches(
            @"^The database schema is \d+ migration\(s\) behind this version of Gatehouse\. Run 'gatehouse migrate' ",
            result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    private Task<CommandResult> RunAsync(params string[] args) => ServerProcess.RunAsync(_environment, args);

    [GeneratedRegex(@"client_secret: (\S+)")]
    private static partial Regex SecretLine();
}
