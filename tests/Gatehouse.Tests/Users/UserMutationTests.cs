using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Users;

/// <summary>
/// The documented error codes of the user mutations (400, 401, 404, 409) and the rules behind them. Every
/// refused mutation is followed by a read showing that nothing changed.
/// </summary>
public sealed class UserMutationTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string AddUser = """
        mutation ($input: AddUserWithRoleInput!) {
          userMutations {
            addUserWithRole(input: $input) { userAlreadyExist invitationLink user { email status roles { name } } }
          }
        }
        """;

    private const string ChangeRole = """
        mutation ($input: ChangeRoleForUserInput!) {
          userMutations { changeRoleForUser(input: $input) { user { email roles { name } } } }
        }
        """;

    private const string Invite = """
        mutation ($input: SendInvitationInput!) { userMutations { sendInvitation(input: $input) } }
        """;

    /// <summary>Role names that are malformed or name no account: {X} stands for an account of the test.</summary>
    public static TheoryData<string> MalformedOrUnknownRoles => new(
        "advertiser-owner-{X}", "advertiser-view-", "advertiser-view-{X}9", "Advertiser-view-{X}", "agency-root",
        "admin", "advertiser-view-Zz9Zz9Zz");

    [Theory]
    [MemberData(nameof(MalformedOrUnknownRoles))]
    public async Task AddUserWithRole_MalformedOrUnknownRole_ReturnsNotFoundAndAddsNobody(string pattern)
    {
        var x = await app.AddTenantAsync();
        var role = pattern.Replace("{X}", x, StringComparison.Ordinal);
        var email = AccountSeeding.NewEmail();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(AddUser, AddVariables(email, role));

        Assert.Equal((RoleNotFound("input.roleName", role), "NOT_FOUND", 404), ErrorOf(response));
        Assert.False(await UserExistsAsync(email));
    }

    [Fact]
    public async Task AddUserWithRole_RoleInUnmanagedAccountWithApiToken_ReturnsNotFoundAndAddsNobody()
    {
        var closed = await app.AddTenantAsync(canPartnerManage: false);
        var email = AccountSeeding.NewEmail();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(AddUser, AddVariables(email, $"advertiser-view-{closed}"));

        Assert.Equal(
            (RoleNotFound("input.roleName", $"advertiser-view-{closed}"), "NOT_FOUND", 404), ErrorOf(response));
        Assert.False(await UserExistsAsync(email));
    }

    [Fact]
    public async Task AddUserWithRole_UserAlreadyInAccount_ReturnsConflictAndKeepsTheirRole()
    {
        var x = await app.AddTenantAsync();
        var email = AccountSeeding.NewEmail();
        await app.AddUserAsync(email, x, (x, RoleAction.View));
        using var client = await app.CreateApiClientAsync();
        var before = await UsersOfAsync(client, x);

        var response = await client.PostGraphQLAsync(
            AddUser, AddVariables(email.ToUpperInvariant(), $"advertiser-admin-{x}"));

        Assert.Equal(
            ($"The user is already in account '{x}'; change their role with changeRoleForUser.", "CONFLICT", 409),
            ErrorOf(response));
        Assert.Equal(before.Body, (await UsersOfAsync(client, x)).Body);
        Assert.Contains($"advertiser-view-{x}", before.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUserWithRole_ActivatedUserOfAnotherAccount_AddsRoleWithoutInvitation()
    {
        var (x, y) = (await app.AddTenantAsync(), await app.AddTenantAsync());
        var email = AccountSeeding.NewEmail();
        await app.AddUserAsync(email, y, (y, RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(AddUser, AddVariables(email, $"advertiser-user-{x}"));

        // A user's roles are listed by account id.
        var roles = new[] { (x, $"advertiser-manage-{x}"), (y, $"advertiser-admin-{y}") }
            .OrderBy(role => role.Item1, StringComparer.Ordinal)
            .Select(role => $$"""{"name":"{{role.Item2}}"}""");
        response.ShouldBe($$"""
            {"data":{"userMutations":{"addUserWithRole":{"userAlreadyExist":true,"invitationLink":null,
              "user":{"email":"{{email}}","status":1,"roles":[{{string.Join(",", roles)}}]} } } } }
            """);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("someone@localhost")]
    [InlineData("two words@example.com")]
    [InlineData("someone@@example.com")]
    [InlineData(" ")]
    public async Task AddUserWithRole_InvalidEmail_ReturnsBadRequestAndAddsNobody(string email)
    {
        var x = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(AddUser, AddVariables(email, $"advertiser-view-{x}"));

        Assert.Equal(
            ($"input.email '{email}' is not a valid email address.", "BAD_REQUEST", 400), ErrorOf(response));
        (await UsersOfAsync(client, x)).ShouldBe("""{"data":{"tenant":{"users":[]}}}""");
    }

    [Fact]
    public async Task AddUserWithRole_AccountManagerInTheHub_ReturnsUnauthorizedAndAddsNobody()
    {
        var x = await app.AddTenantAsync();
        var email = AccountSeeding.NewEmail();
        using var client = await app.CreateHubClientAsync($"advertiser-manage-{x}");

        var response = await client.PostGraphQLAsync(AddUser, AddVariables(email, $"advertiser-view-{x}"));

        Assert.Equal(("Not authorized to add users.", "UNAUTHORIZED", 401), ErrorOf(response));
        Assert.False(await UserExistsAsync(email));
    }

    [Fact]
    public async Task ChangeRoleForUser_NeitherRole_ReturnsBadRequest()
    {
        var x = await app.AddTenantAsync();
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View));
        using var client = await app.CreateApiClientAsync();
        var before = await UsersOfAsync(client, x);

        var response = await client.PostGraphQLAsync(ChangeRole, ChangeVariables(user.ToString(), null, null));

        Assert.Equal(
            ("input.roleToRevoke and input.roleToAdd are both empty; give at least one.", "BAD_REQUEST", 400),
            ErrorOf(response));
        Assert.Equal(before.Body, (await UsersOfAsync(client, x)).Body);
    }

    [Theory]
    [InlineData("2b1f0c5e-6a7d-4e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("not-a-uuid")]
    public async Task ChangeRoleForUser_UnknownUser_ReturnsNotFound(string userId)
    {
        var x = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(userId, null, $"advertiser-view-{x}"));

        Assert.Equal(($"No user with id '{userId}' was found.", "NOT_FOUND", 404), ErrorOf(response));
        (await UsersOfAsync(client, x)).ShouldBe("""{"data":{"tenant":{"users":[]}}}""");
    }

    [Theory]
    [MemberData(nameof(MalformedOrUnknownRoles))]
    [InlineData("advertiser-manage-{U}")]
    public async Task ChangeRoleForUser_MalformedOrUnknownRoleToAdd_ReturnsNotFoundAndKeepsRole(string pattern)
    {
        // The call also takes away the user's only role, so a revocation applied before the refusal
        // would remove the user altogether.
        var x = await app.AddTenantAsync();
        var u = await app.AddTenantAsync(canPartnerManage: false);
        var role = pattern.Replace("{X}", x, StringComparison.Ordinal).Replace("{U}", u, StringComparison.Ordinal);
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(user.ToString(), $"advertiser-view-{x}", role));

        Assert.Equal((RoleNotFound("input.roleToAdd", role), "NOT_FOUND", 404), ErrorOf(response));
        Assert.Equal([$"advertiser-view-{x}"], await RolesOfAsync(user));
    }

    [Fact]
    public async Task ChangeRoleForUser_UserOfUnmanagedAccountWithApiToken_ReturnsNotFoundAndKeepsRole()
    {
        var closed = await app.AddTenantAsync(canPartnerManage: false);
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), closed, (closed, RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(user.ToString(), $"advertiser-admin-{closed}", "agency-admin"));

        Assert.Equal(($"No user with id '{user}' was found.", "NOT_FOUND", 404), ErrorOf(response));
        Assert.Equal([$"advertiser-admin-{closed}"], await RolesOfAsync(user));
    }

    [Fact]
    public async Task ChangeRoleForUser_RoleNotHeld_ReturnsNotFoundAndKeepsRole()
    {
        var x = await app.AddTenantAsync();
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(user.ToString(), $"advertiser-manage-{x}", null));

        Assert.Equal(
            ($"The user does not hold the role 'advertiser-manage-{x}'.", "NOT_FOUND", 404), ErrorOf(response));
        Assert.Equal([$"advertiser-view-{x}"], await RolesOfAsync(user));
    }

    [Fact]
    public async Task ChangeRoleForUser_SecondRoleInSameAccount_ReturnsConflictAndKeepsRole()
    {
        var x = await app.AddTenantAsync();
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(user.ToString(), null, $"advertiser-admin-{x}"));

        Assert.Equal(
            ($"The user is already in account '{x}'; change their role with changeRoleForUser.", "CONFLICT", 409),
            ErrorOf(response));
        Assert.Equal([$"advertiser-view-{x}"], await RolesOfAsync(user));
    }

    [Fact]
    public async Task ChangeRoleForUser_LastAdminOfAccount_ReturnsBadRequestAndKeepsAdmin()
    {
        var x = await app.AddTenantAsync();
        var admin = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.Admin));
        await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.Manage));
        using var client = await app.CreateApiClientAsync();
        var before = await UsersOfAsync(client, x);

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(admin.ToString(), $"advertiser-admin-{x}", $"advertiser-view-{x}"));

        Assert.Equal(
            ($"Account '{x}' must keep at least one admin; give another user its admin role first.", "BAD_REQUEST",
                400),
            ErrorOf(response));
        Assert.Equal(before.Body, (await UsersOfAsync(client, x)).Body);
    }

    [Fact]
    public async Task ChangeRoleForUser_LastHostAdmin_ReturnsBadRequestAndKeepsAdmin()
    {
        await app.WithDbAsync(db =>
            db.UserRoles.Where(r => r.TenantId == null && r.Action == RoleAction.Admin).ExecuteDeleteAsync());
        var admin = await app.AddHubUserAsync(HubUsers.NewEmail(), HubUsers.Password, "agency-admin");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(admin.ToString(), "agency-admin", "agency-view"));

        Assert.Equal(
            ("The host must keep at least one admin; give another user agency-admin first.", "BAD_REQUEST", 400),
            ErrorOf(response));
        Assert.Equal(["agency-admin"], await RolesOfAsync(admin));
    }

    [Fact]
    public async Task ChangeRoleForUser_AccountAdminGivingHostRole_ReturnsUnauthorizedAndKeepsRole()
    {
        var x = await app.AddTenantAsync();
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View));
        using var client = await app.CreateHubClientAsync($"advertiser-admin-{x}");

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(user.ToString(), $"advertiser-view-{x}", "agency-admin"));

        Assert.Equal(("Not authorized to give this role.", "UNAUTHORIZED", 401), ErrorOf(response));
        Assert.Equal([$"advertiser-view-{x}"], await RolesOfAsync(user));
    }

    [Fact]
    public async Task ChangeRoleForUser_AccountManagerInTheHub_ReturnsUnauthorizedAndKeepsRole()
    {
        var x = await app.AddTenantAsync();
        var user = await app.AddUserAsync(AccountSeeding.NewEmail(), x, (x, RoleAction.View));
        using var client = await app.CreateHubClientAsync($"advertiser-manage-{x}");

        var response = await client.PostGraphQLAsync(
            ChangeRole, ChangeVariables(user.ToString(), $"advertiser-view-{x}", $"advertiser-manage-{x}"));

        Assert.Equal(("Not authorized to take this role away.", "UNAUTHORIZED", 401), ErrorOf(response));
        Assert.Equal([$"advertiser-view-{x}"], await RolesOfAsync(user));
    }

    [Theory]
    [InlineData(
        "AGENCY", true, "input.tenantId must be null when input.userType is AGENCY: host users belong to no account.")]
    [InlineData("ADVERTISER", false, "input.tenantId is required when input.userType is ADVERTISER.")]
    public async Task SendInvitation_TenantIdNotMatchingUserType_ReturnsBadRequest(
        string userType,
        bool withTenant,
        string message)
    {
        var x = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();
        var email = await AddPendingUserAsync(client, $"advertiser-view-{x}");
        var tenantId = withTenant ? $"\"{x}\"" : "null";

        var response = await client.PostGraphQLAsync(Invite, $$"""
            {"input":{"email":"{{email}}","tenantId":{{tenantId}},"userType":"{{userType}}"} }
            """);

        Assert.Equal((message, "BAD_REQUEST", 400), ErrorOf(response));
    }

    [Fact]
    public async Task SendInvitation_ActivatedUser_ReturnsBadRequest()
    {
        var x = await app.AddTenantAsync();
        var email = AccountSeeding.NewEmail();
        await app.AddUserAsync(email, x, (x, RoleAction.View));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Invite, InviteVariables(email, x));

        Assert.Equal(
            ($"The user '{email}' has already accepted an invitation and can sign in; invitations are for pending "
                + "users.", "BAD_REQUEST", 400),
            ErrorOf(response));
    }

    [Fact]
    public async Task SendInvitation_UserNotInAccount_ReturnsNotFound()
    {
        var (x, y) = (await app.AddTenantAsync(), await app.AddTenantAsync());
        using var client = await app.CreateApiClientAsync();
        var email = await AddPendingUserAsync(client, $"advertiser-view-{y}");

        var response = await client.PostGraphQLAsync(Invite, InviteVariables(email, x));

        Assert.Equal(
            ($"No user with email '{email}' was found for account '{x}'.", "NOT_FOUND", 404), ErrorOf(response));
    }

    [Fact]
    public async Task SendInvitation_HostViewerInTheHub_ReturnsUnauthorizedAndKeepsEarlierLink()
    {
        var x = await app.AddTenantAsync();
        using var api = await app.CreateApiClientAsync();
        var added = await api.PostGraphQLAsync(
            AddUser, AddVariables(AccountSeeding.NewEmail(), $"advertiser-view-{x}"));
        var link = added.Json["data"]!["userMutations"]!["addUserWithRole"]!["invitationLink"]!.GetValue<string>();
        var email = added.Json["data"]!["userMutations"]!["addUserWithRole"]!["user"]!["email"]!.GetValue<string>();
        using var client = await app.CreateHubClientAsync("agency-view");

        var response = await client.PostGraphQLAsync(Invite, InviteVariables(email, x));

        Assert.Equal(("Not authorized to invite users.", "UNAUTHORIZED", 401), ErrorOf(response));
        using var browser = app.CreateBrowserClient();
        Assert.Contains(
            InvitationLinks.SetPasswordHeading,
            await browser.GetStringAsync(link.ShouldBeInvitationFor(email)),
            StringComparison.Ordinal);
    }

    private static string RoleNotFound(string field, string name) =>
        $"{field} '{name}' is not a role you can give: roles are agency-ACTION or advertiser-ACTION-ACCOUNTID, "
        + "ACTION being admin, manage or view, in an account you can see.";

    private static (string Message, string Code, int Status) ErrorOf(GraphQLResponse response)
    {
        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        return (error["message"]!.GetValue<string>(), error["extensions"]!["code"]!.GetValue<string>(),
            error["extensions"]!["status"]!.GetValue<int>());
    }

    private static string AddVariables(string email, string role) =>
        $$$"""{"input":{"email":"{{{email}}}","roleName":"{{{role}}}"}}""";

    private static string ChangeVariables(string userId, string? revoke, string? add) =>
        $$$"""{"input":{"userId":"{{{userId}}}","roleToRevoke":{{{Json(revoke)}}},"roleToAdd":{{{Json(add)}}}}}""";

    private static string InviteVariables(string email, string tenantId) =>
        $$$"""{"input":{"email":"{{{email}}}","tenantId":"{{{tenantId}}}","userType":"ADVERTISER"}}""";

    private static string Json(string? value) => value is null ? "null" : $"\"{value}\"";

    private static Task<GraphQLResponse> UsersOfAsync(HttpClient client, string tenantId) =>
        client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { users { email status roles { name } } } }",
            $$"""{"id":"{{tenantId}}"}""");

    private static async Task<string> AddPendingUserAsync(HttpClient client, string role)
    {
        var email = AccountSeeding.NewEmail();
        var response = await client.PostGraphQLAsync(AddUser, AddVariables(email, role));
        Assert.Null(response.Json["errors"]);
        return email;
    }

    private async Task<bool> UserExistsAsync(string email)
    {
        var stored = email.ToLowerInvariant();
        var exists = true;
        await app.WithDbAsync(async db => exists = await db.Users.AnyAsync(u => u.Email == stored));
        return exists;
    }

    private async Task<List<string>> RolesOfAsync(Guid userId)
    {
        List<string> names = [];
        await app.WithDbAsync(async db => names = (await db.UserRoles.Where(r => r.UserId == userId).ToListAsync())
            .Select(r => new Role(r.Action, r.TenantId, null).Name)
            .Order(StringComparer.Ordinal)
            .ToList());
        return names;
    }
}
