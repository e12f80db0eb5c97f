using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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

    [Theory]
    [InlineData("users add-host-admin")]
    [InlineData("users deactivate")]
    [InlineData("users activate boss@example.com boss2@example.com")]
    [InlineData("users set-expiry boss@example.com")]
    public async Task Users_WrongArguments_ExitsTwoWithUsage(string command)
    {
        var result = await RunAsync(command.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("users add-host-admin EMAIL", result.Error, StringComparison.Ordinal);
        Assert.Contains("users set-expiry EMAIL DATE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivate_SignedInUser_EndsTheirSessionAtOnceAndRefusesSignIn()
    {
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var email = HubUsers.NewEmail();
        await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        using var session = await app.SignInAsync(email, HubUsers.Password);

        var deactivated = await RunAsync("users", "deactivate", email, "--json");

        using var afterwards = await session.GetAsync("/hub/");
        var signIn = await SignInPageAsync(app, email, HubUsers.Password);
        Assert.Equal((0, ""), (deactivated.ExitCode, deactivated.Error));
        JsonAssert.Equal(
            $$"""{"email":"{{email}}","status":"deactivated","expiry":null}""", deactivated.Output);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Equal("/auth/login", afterwards.Headers.Location?.AbsolutePath);
        Assert.Contains("This account is deactivated or has expired.", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_DeactivatedUser_SignsInWithTheirPasswordButOldSessionsStayEnded()
    {
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var email = HubUsers.NewEmail();
        await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        using var oldSession = await app.SignInAsync(email, HubUsers.Password);
        var deactivated = await RunAsync("users", "deactivate", email);

        var activated = await RunAsync("users", "activate", email);

        using var newSession = await app.SignInAsync(email, HubUsers.Password);
        using var oldPage = await oldSession.GetAsync("/hub/");
        Assert.Equal((0, 0), (deactivated.ExitCode, activated.ExitCode));
        Assert.Equal(
            $"User '{email}' activated. They sign in with their password as before.\n", activated.Output);
        Assert.Equal(HttpStatusCode.OK, (await newSession.GetAsync("/hub/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, oldPage.StatusCode);
    }

    [Fact]
    public async Task Activate_PendingUser_StaysPendingAndDeactivationEndedTheirLink()
    {
        var added = await RunAsync("users", "add-host-admin", "boss@example.com", "--json");
        var deactivated = await RunAsync("users", "deactivate", "boss@example.com");

        var activated = await RunAsync("users", "activate", "boss@example.com");
        var again = await RunAsync("users", "activate", "boss@example.com", "--json");

        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        using var client = app.CreateClient();
        var oldLink = await client.GetStringAsync(LinkPath(added.Output));
        Assert.Equal((0, 0, 0, 0), (added.ExitCode, deactivated.ExitCode, activated.ExitCode, again.ExitCode));
        Assert.Equal(
            "User 'boss@example.com' is pending again. Run 'users invite boss@example.com' for a link to sign up.\n",
            activated.Output);
        JsonAssert.Equal("""{"email":"boss@example.com","status":"pending","expiry":null}""", again.Output);
        Assert.Contains(InvitationLinks.BrokenLinkHeading, oldLink, StringComparison.Ordinal);
        Assert.Equal(UserStatus.Pending, (await QueryUserAsync(app, "boss@example.com")).Status);
    }

    [Fact]
    public async Task Invite_DeactivatedUser_ExitsOneAndPrintsNoLink()
    {
        await RunAsync("users", "add-host-admin", "boss@example.com");
        await RunAsync("users", "deactivate", "boss@example.com");

        var invited = await RunAsync("users", "invite", "boss@example.com");

        Assert.Equal((1, ""), (invited.ExitCode, invited.Output));
        Assert.Equal(
            "User 'boss@example.com' is deactivated; run 'users activate boss@example.com' first.\n",
            invited.Error);
    }

    [Fact]
    public async Task SetExpiry_DayPassedThenNever_EndsSessionThenLetsUserSignInAgain()
    {
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var email = HubUsers.NewEmail();
        await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        using var session = await app.SignInAsync(email, HubUsers.Password);
        var yesterday = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-1);

        var expired = await RunAsync("users", "set-expiry", email, $"{yesterday:yyyy-MM-dd}");
        using var afterExpiry = await session.GetAsync("/hub/");
        var cleared = await RunAsync("users", "set-expiry", email, "never");

        Assert.Equal((0, 0), (expired.ExitCode, cleared.ExitCode));
        Assert.Equal(
            $"User '{email}' expired on {yesterday:yyyy-MM-dd}. They can no longer sign in.\n", expired.Output);
        Assert.Equal(HttpStatusCode.Redirect, afterExpiry.StatusCode);
        Assert.Equal($"User '{email}' no longer expires.\n", cleared.Output);
        using var signedIn = await app.SignInAsync(email, HubUsers.Password);
        Assert.Null((await QueryUserAsync(app, email)).Expiry);
    }

    [Theory]
    [InlineData("2030-06-30", "2030-06-30")]
    [InlineData("2030-06-30T23:30:00Z", "2030-06-30")]
    [InlineData("2030-06-30T23:30-02:00", "2030-07-01")]
    [InlineData("2030-06-30T01:00:00.5+03:00", "2030-06-29")]
    [InlineData("2030-06-30T12:00:00", "2030-06-30")]
    public async Task SetExpiry_IsoDateOrDateTime_StoresItsDayInUtc(string date, string day)
    {
        await using var app = new GatehouseApplication(_database);
        await app.InitializeAsync();
        var email = HubUsers.NewEmail();
        await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");

        var set = await RunAsync("users", "set-expiry", email, date, "--json");

        var stored = (await QueryUserAsync(app, email)).Expiry;
        Assert.Equal(0, set.ExitCode);
        JsonAssert.Equal($$"""{"email":"{{email}}","status":"activated","expiry":"{{day}}"}""", set.Output);
        Assert.Equal(day, stored?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("31/12/2030")]
    [InlineData("2030-02-30")]
    [InlineData("2030-06-30 12:00")]
    [InlineData("tomorrow")]
    public async Task SetExpiry_NotADate_ExitsTwoBeforeLookingTheUserUp(string date)
    {
        // The email is unknown, which the database would answer with exit code 1.
        var set = await RunAsync("users", "set-expiry", "nobody@example.com", date);

        Assert.Equal((2, ""), (set.ExitCode, set.Output));
        Assert.Equal(
            $"'{date}' is not a date: give yyyy-MM-dd, an ISO 8601 date-time (UTC unless it has an offset), "
            + "or never.\n",
            set.Error);
    }

    [Theory]
    [InlineData("users deactivate nobody@example.com")]
    [InlineData("users activate nobody@example.com")]
    [InlineData("users set-expiry nobody@example.com never")]
    public async Task UserStatusVerbs_UnknownEmail_ExitsOneAndSaysWhy(string command)
    {
        var result = await RunAsync(command.Split(' '));

        Assert.Equal((1, ""), (result.ExitCode, result.Output));
        Assert.Equal("No user with email 'nobody@example.com'.\n", result.Error);
    }

    private static async Task<string> SignInPageAsync(GatehouseApplication app, string email, string password)
    {
        using var browser = app.CreateBrowserClient();
        using var response = await browser.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = password });
        return await response.Content.ReadAsStringAsync();
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
