using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
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
        "canViewTenantInUI(X)", "canEditTenantSettingsInUI(X)", "canEditTenantUsersInUI(X)",
    ];

    // "ok" means done, 401 and 404 are the extensions.status of the refusal, true and false are flag values.
    // The updateTenant and deleteTenant columns guard against a regression: both once checked only that the
    // caller could see the account, so its viewers and managers could rename and delete it.
    private static readonly (string Caller, string[] Outcomes)[] Table =
    [
        ("agency-admin", ["ok", "401", "ok", "ok", "ok", "ok", "ok", "true", "true", "true"]),
        ("agency-manage", ["ok", "401", "401", "401", "401", "401", "401", "true", "true", "false"]),
        ("agency-view", ["ok", "401", "401", "401", "401", "401", "401", "true", "false", "false"]),
        ("advertiser-admin-X", ["ok", "401", "ok", "ok", "401", "ok", "401", "true", "true", "true"]),
        ("advertiser-manage-X", ["ok", "401", "401", "401", "401", "401", "401", "true", "true", "false"]),
        ("advertiser-view-X", ["ok", "401", "401", "401", "401", "401", "401", "true", "false", "false"]),
        ("advertiser-admin-Y", ["401", "401", "401", "401", "401", "404", "401", "401", "401", "401"]),
        (ApiAccount, ["ok", "401", "ok", "ok", "ok", "ok", "ok", "false", "false", "false"]),
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
            : await app.CreateHubClientAsync(caller.EndsWith("-X", StringComparison.Ordinal) ? caller[..^1] + x
                : caller.EndsWith("-Y", StringComparison.Ordinal) ? caller[..^1] + y
                : caller);

    /// <summary>Runs the operation and tells its outcome and whether the stored data changed.</summary>
    private async Task<(string Outcome, bool Changed)> RunAsync(HttpClient client, string operation, string x, string u)
    {
        var email = AccountSeeding.NewEmail();
        var newName = "Created " + Guid.NewGuid().ToString("N")[..8];
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
            _ => (Flags, Id(x), "tenant"),
        };

        var response = await client.PostGraphQLAsync(query, variables);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var outcome = OutcomeOf(response, result, operation);
        var changed = operation switch
        {
            "updateTenant(X)" => await NameOfAsync(x) == "Renamed",
            "deleteTenant(X)" => !await TenantExistsAsync(x),
            "createTenant" => await QueryAsync(db => db.Tenants.AnyAsync(t => t.Name == newName)),
            "addUserWithRole(advertiser-view-X)" or "addUserWithRole(agency-view)" =>
                await QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)),
            _ => false,
        };
        return (outcome, changed);
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

    private static bool IsMutation(string operation) =>
        operation is "updateTenant(X)" or "deleteTenant(X)" or "createTenant"
        || operation.StartsWith("addUserWithRole", StringComparison.Ordinal);

    private static string Id(string id) => $$"""{"id":"{{id}}"}""";

    private static string AddUserVariables(string email, string role) =>
        $$$"""{"input":{"email":"{{{email}}}","roleName":"{{{role}}}"}}""";

    private async Task<string?> NameOfAsync(string id) =>
        await QueryAsync(db => db.Tenants.Where(t => t.Id == id).Select(t => t.Name).SingleOrDefaultAsync());

    private Task<bool> TenantExistsAsync(string id) => QueryAsync(db => db.Tenants.AnyAsync(t => t.Id == id));

    private async Task<T> QueryAsync<T>(Func<Gatehouse.Data.GatehouseDbContext, Task<T>> query)
    {
        T result = default!;
        await app.WithDbAsync(async db => result = await query(db));
        return result;
    }
}
