using System.Net;
using Gatehouse.Data;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gatehouse.Tests.Users.InvitationLinks;

namespace Gatehouse.Tests.Users;

/// <summary>
/// What invited and temporary users see: accepting an invitation, links that are used up or expired,
/// expiry dates and the lockout after repeated wrong passwords, through the hub's sign-in pages.
/// </summary>
public sealed class UserSignInTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string NewPassword = "my very own password";

    private const string WrongPassword = "not the password at all";

    [Fact]
    public async Task Invitation_PasswordSet_SignsInAndActivatesUser()
    {
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var (email, path) = await InviteAsync(api, $"advertiser-view-{x}");
        using var browser = app.CreateBrowserClient();

        using var response = await browser.AcceptAsync(path, NewPassword);

        Assert.Equal(
            (HttpStatusCode.Redirect, "/hub/"), (response.StatusCode, response.Headers.Location?.OriginalString));
        Assert.True(response.SetsSessionCookie());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hub/")).StatusCode);
        (await UsersOfAsync(api, x)).ShouldBe(
            $$"""{"data":{"tenant":{"users":[{"email":"{{email}}","status":1}]} } }""");
        using var again = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = NewPassword })).StatusCode);
    }

    [Fact]
    public async Task Invitation_PasswordSet_CountsAsTheUsersLastSignIn()
    {
        // Accepting signs the user in, yet the host-users page once listed them as never signed in.
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var (email, path) = await InviteAsync(api, $"advertiser-view-{x}");
        using var browser = app.CreateBrowserClient();
        app.Clock.Advance(TimeSpan.FromHours(3));

        using var response = await browser.AcceptAsync(path, NewPassword);

        DateTime? lastSignIn = null;
        await app.WithDbAsync(async db => lastSignIn = await db.Users.Where(u => u.Email == email)
            .Select(u => u.LastSignInAt).SingleAsync());
        // PostgreSQL keeps microseconds, .NET ticks of a tenth of one.
        Assert.NotNull(lastSignIn);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, lastSignIn.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Invitation_PostedAgainFromAnotherTab_ShowsBrokenLinkAndKeepsFirstPassword()
    {
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var (email, path) = await InviteAsync(api, $"advertiser-view-{x}");
        using var first = app.CreateBrowserClient();
        using var second = app.CreateBrowserClient();
        var secondFormToken = await second.GetFormTokenAsync(path);
        using var accepted = await first.AcceptAsync(path, NewPassword);

        using var response = await second.AcceptAsync(path, "a password of the second tab", secondFormToken);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(BrokenLinkHeading, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.SetsSessionCookie());
        using var signIn = await app.CreateBrowserClient().PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = "a password of the second tab" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Invitation_AfterSevenDays_ShowsBrokenLinkAndLeavesUserPending()
    {
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var (email, path) = await InviteAsync(api, $"advertiser-view-{x}");
        using var browser = app.CreateBrowserClient();
        var formToken = await browser.GetFormTokenAsync(path);
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var page = await browser.GetStringAsync(path);
        using var response = await browser.AcceptAsync(path, NewPassword, formToken);

        Assert.Contains(BrokenLinkHeading, page, StringComparison.Ordinal);
        Assert.Contains(BrokenLinkHeading, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(UserStatus.Pending, await StatusOfAsync(email));
    }

    [Fact]
    public async Task Invitation_UserDeactivated_ShowsRefusalAndKeepsUserDeactivated()
    {
        // An invitation once reactivated a deactivated user and signed them in.
        var email = HubUsers.NewEmail();
        var user = await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        var path = await IssueLinkAsync(user);
        using var browser = app.CreateBrowserClient();
        var formToken = await browser.GetFormTokenAsync(path);
        var before = await StoredUserAsync(email);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UserStatus.Deactivated)));

        var page = await browser.GetStringAsync(path);
        using var response = await browser.AcceptAsync(path, NewPassword, formToken);

        Assert.Contains(InactiveHeading, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(InactiveHeading, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(before with { Status = UserStatus.Deactivated }, await StoredUserAsync(email));
    }

    [Fact]
    public async Task Invitation_ExpiryDatePassed_ShowsRefusalAndLeavesUserPending()
    {
        // An invitation once gave a session to a user whose last day had passed.
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var (email, path) = await InviteAsync(api, $"advertiser-view-{x}");
        using var browser = app.CreateBrowserClient();
        var formToken = await browser.GetFormTokenAsync(path);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Expiry, Today().AddDays(-1))));

        var page = await browser.GetStringAsync(path);
        using var response = await browser.AcceptAsync(path, NewPassword, formToken);

        Assert.Contains(InactiveHeading, page, StringComparison.Ordinal);
        Assert.Contains(
            "This account is deactivated or has expired",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/hub/")).StatusCode);
        Assert.Equal(new StoredUser(UserStatus.Pending, null, 1), await StoredUserAsync(email));
    }

    [Fact]
    public async Task Login_ExpiryDatePassed_ShowsErrorAndStartsNoSession()
    {
        var email = HubUsers.NewEmail();
        var user = await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        await SetExpiryAsync(user, Today().AddDays(-1));
        using var browser = app.CreateBrowserClient();

        using var response = await browser.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = HubUsers.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "This account is deactivated or has expired.",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        Assert.False(response.SetsSessionCookie());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/hub/")).StatusCode);
    }

    [Fact]
    public async Task UserExpiry_LastDay_SignsInAndSessionEndsOnceTheDateHasPassed()
    {
        var x = await app.AddTenantAsync();
        var email = HubUsers.NewEmail();
        var user = await app.AddHubUserAsync(email, HubUsers.Password, $"advertiser-view-{x}");
        var today = Today();
        await SetExpiryAsync(user, today);
        using var browser = await app.SignInAsync(email, HubUsers.Password);

        var expiry = await browser.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { users { email userExpiry } } }", $$"""{"id":"{{x}}"}""");
        using var onLastDay = await browser.GetAsync("/hub/");
        await SetExpiryAsync(user, today.AddDays(-1));
        using var afterIt = await browser.GetAsync("/hub/");

        expiry.ShouldBe($$"""
            {"data":{"tenant":{"users":[{"email":"{{email}}","userExpiry":"{{today:yyyy-MM-dd}}"}]} } }
            """);
        Assert.Equal(HttpStatusCode.OK, onLastDay.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterIt.StatusCode);
        Assert.Equal("/auth/login", afterIt.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_RefusesRightPasswordUntilLockoutPasses()
    {
        var email = HubUsers.NewEmail();
        await app.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        var wrong = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            wrong.Add(await SignInPageAsync(email, WrongPassword));
        }

        var whileLocked = await SignInAttemptAsync(email, HubUsers.Password);
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        var nearlyOver = await SignInAttemptAsync(email, HubUsers.Password);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterLockout = await SignInAttemptAsync(email, HubUsers.Password);

        Assert.All(wrong[..4], page =>
            Assert.Contains("The email or password is not right.", page, StringComparison.Ordinal));
        Assert.Contains("Too many failed attempts.", wrong[4], StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, false), whileLocked);
        Assert.Equal((HttpStatusCode.OK, false), nearlyOver);
        Assert.Equal((HttpStatusCode.Redirect, true), afterLockout);
    }

    private static async Task<(string Email, string Path)> InviteAsync(HttpClient api, string role)
    {
        var email = AccountSeeding.NewEmail();
        var response = await api.PostGraphQLAsync(
            """
            mutation ($input: AddUserWithRoleInput!) {
              userMutations { addUserWithRole(input: $input) { invitationLink } }
            }
            """,
            $$$"""{"input":{"email":"{{{email}}}","roleName":"{{{role}}}"}}""");
        var link = response.Json["data"]?["userMutations"]?["addUserWithRole"]?["invitationLink"]?.GetValue<string>();
        return (email, link.ShouldBeInvitationFor(email));
    }

    // Arranges a link the way `users invite` does for a user who has a password: one to set a new one.
    private async Task<string> IssueLinkAsync(Guid userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var link = await scope.ServiceProvider.GetRequiredService<InvitationService>()
            .IssueAsync(user, "http://localhost", default);
        await db.SaveChangesAsync();
        return link.ShouldBeInvitationFor(user.Email);
    }

    private async Task<string> SignInPageAsync(string email, string password)
    {
        using var browser = app.CreateBrowserClient();
        using var response = await browser.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.False(response.SetsSessionCookie());
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(HttpStatusCode Status, bool SignedIn)> SignInAttemptAsync(string email, string password)
    {
        using var browser = app.CreateBrowserClient();
        using var response = await browser.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = password });
        return (response.StatusCode, response.SetsSessionCookie());
    }

    private static Task<GraphQLResponse> UsersOfAsync(HttpClient client, string tenantId) =>
        client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { users { email status } } }", $$"""{"id":"{{tenantId}}"}""");

    private DateOnly Today() => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private Task SetExpiryAsync(Guid userId, DateOnly expiry) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.Expiry, expiry)));

    private async Task<StoredUser> StoredUserAsync(string email)
    {
        StoredUser? stored = null;
        await app.WithDbAsync(async db => stored = await db.Users.Where(u => u.Email == email)
            .Select(u => new StoredUser(
                u.Status, u.PasswordHash, db.Invitations.Count(i => i.UserId == u.Id)))
            .SingleAsync());
        return stored!;
    }

    private async Task<UserStatus?> StatusOfAsync(string email)
    {
        UserStatus? status = null;
        await app.WithDbAsync(async db =>
            status = await db.Users.Where(u => u.Email == email)
                .Select(u => (UserStatus?)u.Status)
                .SingleOrDefaultAsync());
        return status;
    }

    // What accepting an invitation may change: the status, the password and the invitations.
    private sealed record StoredUser(UserStatus Status, string? PasswordHash, int Invitations);
}
