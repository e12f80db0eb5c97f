using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Access;

/// <summary>
/// Who may do what, asked over HTTP as each kind of caller: hub users signed in with a session (sending the
/// page's antiforgery token) and an API account with a bearer token. X is an account the partner manages,
/// U one it does not, Y another managed account. docs/permissions.md shows the same table.
/// </summary>
public sealed class PermissionMatrixTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string ApiAccount = "API account";

    private static readonly string[] Operations =
    [
        "tenant(X)", "tenant(U)", "updateTenant(X)", "deleteTenant(X)", "createTenant",
        "addUserWithRole(advertiser-view-X)", "addUserWithRole(agency-view)",
        "changeRoleForUser(advertiser-view-X to manage)", "sendInvitation(ADVERTISER, X)",
        "canViewTenantInUI(X)", "canEditTenantSettingsInUI(X)", "canEditTenantUsersInUI(X)",
    ];

    // "ok" means done, 401 and 404 are the extensions.status of the refusal, true and false are flag values.
    // The updateTenant and deleteTenant columns guard against a regression: both once checked only that the
    // caller could see the account, so its viewers and managers could rename and delete it.
    private static readonly (string Caller, string[] Outcomes)[] Table =
    [
        ("agency-admin", ["ok", "401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "true", "true", "true"]),
        ("agency-manage", ["ok", "401", "401", "401", "401", "401", "401", "401", "401", "true", "true", "false"]),
        ("agency-view", ["ok", "401", "401", "401", "401", "401", "401", "401", "401", "true", "false", "false"]),
        ("advertiser-admin-X", ["ok", "401", "ok", "ok", "401", "ok", "401", "ok", "ok", "true", "true", "true"]),
        ("advertiser-manage-X", ["ok", "401", "401", "401", "401", "401", "401", "401", "401", "true", "true", "false"]),
        ("advertiser-view-X", ["ok", "401", "401", "401", "401", "401", "401", "401", "401", "true", "false", "false"]),
        ("advertiser-admin-Y", ["401", "401", "401", "401", "401", "404", "401", "404", "404", "401", "401", "401"]),
        (ApiAccount, ["ok", "401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "false", "false", "false"]),
    ];

    public static TheoryData<string, string, string> Matrix()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var (caller, outcomes) in Table)
        {
            foreach (var (operation, expected) in Operations.Zip(outcomes, (o, e) => (o, e)))
            {
                rows.Add(caller, operation, expected);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Operation_Caller_HasDocumentedOutcome(string caller, string operation, string expected)
    {
        var x = await app.AddTenantAsync(name: "Managed X");
        var u = await app.AddTenantAsync(name: "Unmanaged U", canPartnerManage: false);
        var y = await app.AddTenantAsync(name: "Other Y");
        using var client = await ClientForAsync(caller, x, y);

        var (outcome, changed) = await RunAsync(client, operation, x, u);

        Assert.Equal(expected, outcome);
        Assert.Equal(expected == "ok" && IsMutation(operation), changed);
    }

    [Fact]
    public async Task GraphQL_SessionWithoutCsrfHeader_Returns403Forbidden()
    {
        var x = await app.AddTenantAsync(name: "Managed X");
        using var client = await app.CreateHubClientAsync("agency-admin");
        client.DefaultRequestHeaders.Remove(HubUsers.CsrfHeader);

        var response = await client.PostGraphQLAsync(
            "mutation ($id: String!) { tenantMutations { deleteTenant(tenantId: $id) } }", $$"""{"id":"{{x}}"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        response.ShouldBe("""
            {"errors":[{"message":"A hub session must send its antiforgery token in the X-CSRF-TOKEN header. API clients use 'Authorization: Bearer TOKEN' instead.",
              "extensions":{"code":"FORBIDDEN","status":403}}]}
            """);
        Assert.True(await TenantExistsAsync(x));
    }

    [Fact]
    public async Task GraphQL_CsrfTokenOfAnotherSession_Returns403Forbidden()
    {
        var x = await app.AddTenantAsync(name: "Managed X");
        using var victim = await app.CreateHubClientAsync("agency-admin");
        using var attacker = await app.CreateHubClientAsync("agency-view");
        victim.DefaultRequestHeaders.Remove(HubUsers.CsrfHeader);
        victim.DefaultRequestHeaders.Add(HubUsers.CsrfHeader, await attacker.GetCsrfTokenAsync());

        var response = await victim.PostGraphQLAsync(
            "mutation ($id: String!) { tenantMutations { deleteTenant(tenantId: $id) } }", $$"""{"id":"{{x}}"}""");

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.True(await TenantExistsAsync(x));
    }

    [Fact]
    public async Task GraphQL_Anonymous_Returns401Unauthorized()
    {
        var x = await app.AddTenantAsync(name: "Managed X");
        using var client = app.CreateBrowserClient();

        var response = await client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { id } }", $$"""{"id":"{{x}}"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHORIZED", response.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HubAccountList_AccountViewer_ListsTheAccountsTheApiLetsThemSee()
    {
        var x = await app.AddTenantAsync(name: "Visible Managed X");
        await app.AddTenantAsync(name: "Closed Unmanaged U", canPartnerManage: false);
        await app.AddTenantAsync(name: "Other Managed Y");
        using var client = await app.CreateHubClientAsync($"advertiser-view-{x}");

        var page = await client.GetStringAsync("/hub/");

        Assert.Contains("Visible Managed X", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed Unmanaged U", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Other Managed Y", page, StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientForAsync(string caller, string x, string y) =>
        caller == ApiAccount
            ? await app.CreateApiClientAsync()
            : await app.CreateHubClientAsync(HubUsers.RoleFor(caller, x, y));

    /// <summary>Runs the operation and tells its outcome and whether the stored data changed.</summary>
    private async Task<(string Outcome, bool Changed)> RunAsync(HttpClient client, string operation, string x, string u)
    {
        var email = AccountSeeding.NewEmail();
        var newName = "Created " + Guid.NewGuid().ToString("N")[..8];
        var member = await SeedPendingMemberAsync(x);
        var (query, variables, result) = operation switch
        {
            "tenant(X)" => (TenantQuery, Id(x), "tenant"),
            "tenant(U)" => (TenantQuery, Id(u), "tenant"),
            "updateTenant(X)" =>
                (Rename, $$$"""{"input":{"tenantId":"{{{x}}}","name":"Renamed"}}""", "tenantMutations"),
            "deleteTenant(X)" => (Delete, Id(x), "tenantMutations"),
            "createTenant" => (Create,
                $$$"""{"input":{"name":"{{{newName}}}","canPartnerManage":true,"eventEnrichment":false}}""",
                "tenantMutations"),
            "addUserWithRole(advertiser-view-X)" => (AddUser, AddUserVariables(email, $"advertiser-view-{x}"),
                "userMutations"),
            "addUserWithRole(agency-view)" => (AddUser, AddUserVariables(email, "agency-view"), "userMutations"),
            "changeRoleForUser(advertiser-view-X to manage)" => (ChangeRole, ChangeRoleVariables(member.Id, x),
                "userMutations"),
            "sendInvitation(ADVERTISER, X)" => (Invite, InviteVariables(member.Email, x), "userMutations"),
            _ => (Flags, Id(x), "tenant"),
        };

        var response = await client.PostGraphQLAsync(query, variables);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (OutcomeOf(response, result, operation), await ChangedAsync(operation, x, email, newName, member));
    }

    private async Task<bool> ChangedAsync(string operation, string x, string email, string newName, Member member) =>
        operation switch
        {
            "updateTenant(X)" => await NameOfAsync(x) == "Renamed",
            "deleteTenant(X)" => !await TenantExistsAsync(x),
            "createTenant" => await QueryAsync(db => db.Tenants.AnyAsync(t => t.Name == newName)),
            "addUserWithRole(advertiser-view-X)" or "addUserWithRole(agency-view)" =>
                await QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)),
            "changeRoleForUser(advertiser-view-X to manage)" => await QueryAsync(db => db.UserRoles.AnyAsync(
                r => r.UserId == member.Id && r.TenantId == x && r.Action == RoleAction.Manage)),
            "sendInvitation(ADVERTISER, X)" => !await QueryAsync(db => db.Invitations.AnyAsync(
                i => i.UserId == member.Id && i.TokenHash == member.InvitationHash)),
            _ => false,
        };

    /// <summary>A user invited to X as a viewer who has not accepted yet, with their invitation.</summary>
    private async Task<Member> SeedPendingMemberAsync(string x)
    {
        var email = AccountSeeding.NewEmail();
        var id = await app.AddUserAsync(email, x, (x, RoleAction.View));
        var hash = RandomNumberGenerator.GetBytes(32);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UserStatus.Pending));
            db.Invitations.Add(new Invitation
            {
                TokenHash = hash,
                UserId = id,
                CreatedAt = now,
                ExpiresAt = now.AddDays(7),
            });
            await db.SaveChangesAsync();
        });
        return new Member(id, email, hash);
    }

    private static string OutcomeOf(GraphQLResponse response, string result, string operation)
    {
        if (response.Json["errors"] is JsonArray errors)
        {
            var extensions = Assert.Single(errors)!["extensions"]!;
            var status = extensions["status"]!.GetValue<int>();
            Assert.Equal(status == 404 ? "NOT_FOUND" : "UNAUTHORIZED", extensions["code"]!.GetValue<string>());
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var data = response.Json["data"]![result]!;
        return operation.StartsWith("can", StringComparison.Ordinal)
            ? data[operation[..operation.IndexOf('(', StringComparison.Ordinal)]]!.GetValue<bool>() ? "true" : "false"
            : "ok";
    }

    private const string TenantQuery = "query ($id: String!) { tenant(tenantId: $id) { id } }";

    private const string Flags = """
        query ($id: String!) {
          tenant(tenantId: $id) { canViewTenantInUI canEditTenantSettingsInUI canEditTenantUsersInUI }
        }
        """;

    private const string Rename =
        "mutation ($input: UpdateTenantInput!) { tenantMutations { updateTenant(input: $input) { tenant { name } } } }";

    private const string Delete = "mutation ($id: String!) { tenantMutations { deleteTenant(tenantId: $id) } }";

    private const string Create =
        "mutation ($input: CreateTenantInput!) { tenantMutations { createTenant(input: $input) { tenant { id } } } }";

    private const string AddUser = """
        mutation ($input: AddUserWithRoleInput!) {
          userMutations { addUserWithRole(input: $input) { userAlreadyExist } }
        }
        """;

    private const string ChangeRole = """
        mutation ($input: ChangeRoleForUserInput!) {
          userMutations { changeRoleForUser(input: $input) { user { id } } }
        }
        """;

    private const string Invite = """
        mutation ($input: SendInvitationInput!) { userMutations { sendInvitation(input: $input) } }
        """;

    private static bool IsMutation(string operation) =>
        operation is "updateTenant(X)" or "deleteTenant(X)" or "createTenant"
        || operation.StartsWith("addUserWithRole", StringComparison.Ordinal)
        || operation.StartsWith("changeRoleForUser", StringComparison.Ordinal)
        || operation.StartsWith("sendInvitation", StringComparison.Ordinal);

    private static string Id(string id) => $$"""{"id":"{{id}}"}""";

    private static string AddUserVariables(string email, string role) =>
        $$$"""{"input":{"email":"{{{email}}}","roleName":"{{{role}}}"}}""";

    private static string ChangeRoleVariables(Guid userId, string x) => $$$"""
        {"input":{"userId":"{{{userId}}}","roleToRevoke":"advertiser-view-{{{x}}}","roleToAdd":"advertiser-manage-{{{x}}}"}}
        """;

    private static string InviteVariables(string email, string x) =>
        $$$"""{"input":{"email":"{{{email}}}","tenantId":"{{{x}}}","userType":"ADVERTISER"}}""";

    private async Task<string?> NameOfAsync(string id) =>
        await QueryAsync(db => db.Tenants.Where(t => t.Id == id).Select(t => t.Name).SingleOrDefaultAsync());

    private Task<bool> TenantExistsAsync(string id) => QueryAsync(db => db.Tenants.AnyAsync(t => t.Id == id));

    private async Task<T> QueryAsync<T>(Func<Gatehouse.Data.GatehouseDbContext, Task<T>> query)
    {
        T result = default!;
        await app.WithDbAsync(async db => result = await query(db));
        return result;
    }

    /// <summary>A user of X whom the user operations act on, and the hash of their current invitation.</summary>
    private sealed record Member(Guid Id, string Email, byte[] InvitationHash);
}
