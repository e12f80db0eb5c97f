using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Users;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Cli;

// The first host admin exists before anyone can sign in, so the operator creates them from the command line.
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the database through IAsyncLifetime.")]
public sealed class UserCommandTests : IAsyncLifetime
{
    private const string LinkPattern =
        "^http://localhost:8080/auth/verify/\\?token=[A-Za-z0-9_-]{22}&et=inv&email=boss@example.com$";

    private readonly TestDatabase _database = new();
    private readonly Dictionary<string, string?> _environment;

    public UserCommandTests()
    {
        _environment = ServerProcess.EnvironmentFor(_database);
        _environment["Database__MigrateOnStartup"] = "true";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AddHostAdmin_NewEmail_PrintsLinkThatOpensThePasswordForm()
    {
        var added = await RunAsync("users", "add-host-admin", "Boss@Example.com", "--json");

        var printed = JsonNode.Parse(added.Output)!;
        var link = printed["invitation_link"]!.GetValue<string>();
        Assert.Equal(0, added.ExitCode);
        Assert.Equal("boss@example.com", printed["email"]!.GetValue<string>());
        Assert.Matches(LinkPattern, link);
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        using var client = app.CreateClient();
        var page = await client.GetStringAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Set your password", page, StringComparison.Ordinal);
        var user = await QueryUserAsync(app, "boss@example.com");
        Assert.Equal(UserStatus.Pending, user.Status);
        Assert.Equal([(null, RoleAction.Admin)], user.Roles.Select(r => (r.TenantId, r.Action)));
    }

    [Fact]
    public async Task AddHostAdmin_Twice_KeepsOneUserAndOnlyTheNewestLinkWorks()
    {
        var first = await RunAsync("users", "add-host-admin", "boss@example.com", "--json");
        var second = await RunAsync("users", "add-host-admin", "boss@example.com", "--json");

        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        using var client = app.CreateClient();
        var oldPage = await client.GetStringAsync(LinkPath(first.Output));
        var newPage = await client.GetStringAsync(LinkPath(second.Output));
        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("This link does not work", oldPage, StringComparison.Ordinal);
        Assert.Contains("Set your password", newPage, StringComparison.Ordinal);
        var user = await QueryUserAsync(app, "boss@example.com");
        Assert.Single(user.Roles);
    }

    [Fact]
    public async Task AddHostAdmin_InvalidEmail_ExitsOneAndCreatesNobody()
    {
        var added = await RunAsync("users", "add-host-admin", "not-an-email");

        Assert.Equal(1, added.ExitCode);
        Assert.Equal("", added.Output);
        Assert.Equal("'not-an-email' is not a valid email address.\n", added.Error);
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Users.CountAsync());
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Invite_UserWhoForgotPassword_PrintsLinkThatSetsANewOne()
    {
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var email = HubUsers.NewEmail();
        await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");

        var invited = await RunAsync("users", "invite", email, "--json");

        var path = LinkPath(invited.Output);
        using var browser = app.CreateBrowserClient();
        var form = await browser.GetStringAsync(path);
        using var accepted = await browser.AcceptAsync(path, "a brand new passphrase");
        using var signedIn = await app.SignInAsync(email, "a brand new passphrase");
        Assert.Equal(0, invited.ExitCode);
        Assert.Contains("Choose a new password", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task Invite_UnknownEmail_ExitsOneAndSaysWhy()
    {
        var invited = await RunAsync("users", "invite", "nobody@example.com");

        Assert.Equal(1, invited.ExitCode);
        Assert.Equal(
            "No user with email 'nobody@example.com'. Add them first, in the hub or the API.\n",
            invited.Error);
    }

    [Fact]
    public async Task Users_MissingEmail_ExitsTwoWithUsage()
    {
        var result = await RunAsync("users", "add-host-admin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("users add-host-admin EMAIL", result.Error, StringComparison.Ordinal);
    }

    private static string LinkPath(string output) =>
        new Uri(JsonNode.Parse(output)!["invitation_link"]!.GetValue<string>()).PathAndQuery;

    private static async Task<User> QueryUserAsync(GatehouseApplication app, string email)
    {
        User? user = null;
        await app.WithDbAsync(async db =>
            user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Email == email));
        return user!;
    }

    private Task<CommandResult> RunAsync(params string[] args) => ServerProcess.RunAsync(_environment, args);
}
