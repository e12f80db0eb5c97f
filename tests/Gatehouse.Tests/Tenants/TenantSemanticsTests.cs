using Gatehouse.Tenants;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Tenants;

/// <summary>The rules of accounts as an API account meets them: creation, validation, access and deletion.</summary>
public sealed class TenantSemanticsTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string Create = """
        mutation ($input: CreateTenantInput!) { tenantMutations { createTenant(input: $input) { tenant {
          id name status canPartnerManage users { id email status canBeDeleted }
          canEditTenantSettingsInUI canViewTenantInUI canEditTenantUsersInUI } } } }
        """;

    private const string Update = """
        mutation ($input: UpdateTenantInput!) { tenantMutations { updateTenant(input: $input) {
          tenant { name status canPartnerManage } } } }
        """;

    private const string Delete = "mutation ($id: String!) { tenantMutations { deleteTenant(tenantId: $id) } }";

    private const string Get = "query ($id: String!) { tenant(tenantId: $id) { name status canPartnerManage } }";

    [Fact]
    public async Task CreateTenant_Managed_ReturnsActiveAccountWithoutUsersOrUiRights()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            Create, """{"input":{"name":"Managed","canPartnerManage":true,"eventEnrichment":false}}""");

        var id = response.Json["data"]!["tenantMutations"]!["createTenant"]!["tenant"]!["id"]!.GetValue<string>();
        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"createTenant":{"tenant":{"id":"{{id}}","name":"Managed","status":0,
              "canPartnerManage":true,"users":[],
              "canEditTenantSettingsInUI":false,"canViewTenantInUI":false,"canEditTenantUsersInUI":false} } } } }
            """);
    }

    [Fact]
    public async Task CreateTenant_UnmanagedWithoutAdminEmail_ReturnsBadRequestAndCreatesNothing()
    {
        using var client = await app.CreateApiClientAsync();
        var name = "Unmanaged " + Guid.NewGuid().ToString("N");

        var response = await client.PostGraphQLAsync(
            Create, $$"""{"input":{"name":"{{name}}","canPartnerManage":false,"eventEnrichment":true} }""");

        response.ShouldBe("""
            {"errors":[{"message":"input.adminEmail is required when input.canPartnerManage is false: an account the partner may not manage needs an admin of its own.",
              "locations":[{"line":1,"column":59}],"path":["tenantMutations","createTenant"],
              "extensions":{"code":"BAD_REQUEST","status":400}}],
             "data":{"tenantMutations":{"createTenant":null}}}
            """);
        Assert.Equal(0, await CountAsync(db => db.Tenants.CountAsync(t => t.Name == name)));
    }

    [Fact]
    public async Task CreateTenant_UnmanagedWithAdminEmail_InvitesLowerCasedSoleAdmin()
    {
        using var client = await app.CreateApiClientAsync();
        var local = "Admin." + Guid.NewGuid().ToString("N");

        var response = await client.PostGraphQLAsync(Create, $$"""
            {"input":{"name":"Unmanaged","canPartnerManage":false,"adminEmail":"{{local}}@Example.COM",
              "eventEnrichment":true} }
            """);

        var tenant = response.Json["data"]!["tenantMutations"]!["createTenant"]!["tenant"]!;
        var id = tenant["id"]!.GetValue<string>();
        var userId = tenant["users"]![0]!["id"]!.GetValue<string>();
        var email = local.ToLowerInvariant() + "@example.com";
        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"createTenant":{"tenant":{"id":"{{id}}","name":"Unmanaged","status":0,
              "canPartnerManage":false,
              "users":[{"id":"{{userId}}","email":"{{email}}","status":2,"canBeDeleted":false}],
              "canEditTenantSettingsInUI":false,"canViewTenantInUI":false,"canEditTenantUsersInUI":false} } } } }
            """);
        var stored = await QueryAsync(db =>
            db.Users.AsNoTracking().Include(u => u.Roles).SingleAsync(u => u.Email == email));
        Assert.Equal(id, stored.DefaultTenantId);
        Assert.Equal(UserStatus.Pending, stored.Status);
        var role = Assert.Single(stored.Roles);
        var shown = new Role(role.Action, role.TenantId, null);
        Assert.Equal(($"advertiser-admin-{id}", "admin"), (shown.Name, shown.DisplayName));
    }

    [Theory]
    [InlineData(Get, "view account", "tenant")]
    [InlineData("query ($id: String!) { tenantUsage(tenantId: $id) { totalPixels } }",
        "view account usage", "tenantUsage")]
    [InlineData("""
        mutation ($id: String!) { tenantMutations { updateTenant(input: {tenantId: $id, name: "Taken Over"}) {
          tenant { name } } } }
        """, "update tenant", "tenantMutations,updateTenant")]
    [InlineData(Delete, "delete account", "tenantMutations,deleteTenant")]
    public async Task Operation_UnmanagedAccount_ReturnsSameUnauthorizedErrorAsUnknownAccount(
        string query,
        string action,
        string path)
    {
        var unmanaged = await app.AddTenantAsync(name: "Closed", canPartnerManage: false);
        var unknown = AccountSeeding.NewId();
        using var client = await app.CreateApiClientAsync();

        var closedResponse = await client.PostGraphQLAsync(query, $$"""{"id":"{{unmanaged}}"}""");
        var unknownResponse = await client.PostGraphQLAsync(query, $$"""{"id":"{{unknown}}"}""");

        Assert.Equal(unknownResponse.Body, closedResponse.Body);
        var error = Assert.Single(closedResponse.Json["errors"]!.AsArray())!;
        Assert.Equal(
            ($"Not authorized to {action}.", "UNAUTHORIZED", 401, path),
            (error["message"]!.GetValue<string>(), error["extensions"]!["code"]!.GetValue<string>(),
                error["extensions"]!["status"]!.GetValue<int>(),
                string.Join(",", error["path"]!.AsArray().Select(p => p!.GetValue<string>()))));
        var stored = await QueryAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == unmanaged));
        Assert.Equal(("Closed", false), (stored.Name, stored.CanPartnerManage));
    }

    [Fact]
    public async Task CreateTenant_NameWithSurroundingSpaces_StoresTrimmedName()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "mutation { tenantMutations { createTenant(input: {name: \"  Padded  Name \", canPartnerManage: true, "
            + "eventEnrichment: false}) { tenant { name } } } }");

        response.ShouldBe("""{"data":{"tenantMutations":{"createTenant":{"tenant":{"name":"Padded  Name"}}}}}""");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task CreateTenant_NameAtLengthLimit_IsAccepted(int length)
    {
        using var client = await app.CreateApiClientAsync();
        var name = new string('n', length);

        var response = await client.PostGraphQLAsync(
            Create, $$"""{"input":{"name":"  {{name}}  ","canPartnerManage":true,"eventEnrichment":false} }""");

        var tenant = response.Json["data"]!["tenantMutations"]!["createTenant"]!["tenant"]!;
        Assert.Equal(name, tenant["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("    ", 0)]
    [InlineData("101", 101)]
    public async Task CreateTenant_NameEmptyOrTooLong_ReturnsBadRequestAndCreatesNothing(string name, int length)
    {
        using var client = await app.CreateApiClientAsync();
        var sent = name == "101" ? new string('x', 101) : name;
        var before = await CountAsync(db => db.Tenants.CountAsync());

        var response = await client.PostGraphQLAsync(
            Create, $$"""{"input":{"name":"{{sent}}","canPartnerManage":true,"eventEnrichment":false} }""");

        response.ShouldBe($$"""
            {"errors":[{"message":"input.name must be 1 to 100 characters once trimmed; it has {{length}}.",
              "locations":[{"line":1,"column":59}],"path":["tenantMutations","createTenant"],
              "extensions":{"code":"BAD_REQUEST","status":400} }],
             "data":{"tenantMutations":{"createTenant":null} } }
            """);
        Assert.Equal(before, await CountAsync(db => db.Tenants.CountAsync()));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("101", 101)]
    public async Task UpdateTenant_NameEmptyOrTooLong_ReturnsBadRequestAndChangesNothing(string name, int length)
    {
        var id = await app.AddTenantAsync(name: "Unchanged", status: TenantStatus.PendingConfiguration);
        using var client = await app.CreateApiClientAsync();

        var sent = name == "101" ? new string('x', 101) : name;

        var response = await client.PostGraphQLAsync(
            Update, $$"""{"input":{"tenantId":"{{id}}","name":"{{sent}}","status":0} }""");

        response.ShouldBe($$"""
            {"errors":[{"message":"input.name must be 1 to 100 characters once trimmed; it has {{length}}.",
              "locations":[{"line":1,"column":59}],"path":["tenantMutations","updateTenant"],
              "extensions":{"code":"BAD_REQUEST","status":400} }],
             "data":{"tenantMutations":{"updateTenant":null} } }
            """);
        await AssertStoredAsync(client, id, """{"name":"Unchanged","status":1,"canPartnerManage":true}""");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task UpdateTenant_UndocumentedStatus_ReturnsBadRequestAndChangesNothing(int status)
    {
        var id = await app.AddTenantAsync(name: "Unchanged");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            Update, $$"""{"input":{"tenantId":"{{id}}","name":"Renamed","status":{{status}}} }""");

        response.ShouldBe($$"""
            {"errors":[{"message":"input.status must be 0 (Active), 1 (Pending Configuration) or 2 (Deactivated); it is {{status}}.",
              "locations":[{"line":1,"column":59}],"path":["tenantMutations","updateTenant"],
              "extensions":{"code":"BAD_REQUEST","status":400} }],
             "data":{"tenantMutations":{"updateTenant":null} } }
            """);
        await AssertStoredAsync(client, id, """{"name":"Unchanged","status":0,"canPartnerManage":true}""");
    }

    [Theory]
    [InlineData("""{"name":" Renamed "}""", """{"name":"Renamed","status":1,"canPartnerManage":true}""")]
    [InlineData("""{"status":2}""", """{"name":"Original","status":2,"canPartnerManage":true}""")]
    [InlineData("""{"status":null,"name":null}""", """{"name":"Original","status":1,"canPartnerManage":true}""")]
    [InlineData("""{"canPartnerManage":true,"status":0}""",
        """{"name":"Original","status":0,"canPartnerManage":true}""")]
    public async Task UpdateTenant_SomeFields_ChangesOnlyThoseFields(string changes, string expected)
    {
        var id = await app.AddTenantAsync(name: "Original", status: TenantStatus.PendingConfiguration);
        using var client = await app.CreateApiClientAsync();
        var input = changes.Replace("{", $$"""{"tenantId":"{{id}}",""", StringComparison.Ordinal);

        var response = await client.PostGraphQLAsync(Update, $$"""{"input":{{input}}}""");

        response.ShouldBe($$"""{"data":{"tenantMutations":{"updateTenant":{"tenant":{{expected}}} } } }""");
        await AssertStoredAsync(client, id, expected);
    }

    [Fact]
    public async Task UpdateTenant_UnmanageAccountWithoutAdmin_ReturnsBadRequestAndStaysManaged()
    {
        var id = await app.AddTenantAsync(name: "Ownerless");
        await app.AddUserAsync(AccountSeeding.NewEmail(), id, (id, RoleAction.Manage));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            Update, $$"""{"input":{"tenantId":"{{id}}","canPartnerManage":false} }""");

        response.ShouldBe("""
            {"errors":[{"message":"input.canPartnerManage can only be set to false on an account that has an admin user; otherwise nobody could manage it.",
              "locations":[{"line":1,"column":59}],"path":["tenantMutations","updateTenant"],
              "extensions":{"code":"BAD_REQUEST","status":400}}],
             "data":{"tenantMutations":{"updateTenant":null}}}
            """);
        await AssertStoredAsync(client, id, """{"name":"Ownerless","status":0,"canPartnerManage":true}""");
    }

    [Fact]
    public async Task UpdateTenant_UnmanageAccountWithAdmin_ClosesAccountToApi()
    {
        var id = await app.AddTenantAsync(name: "Handed Over");
        await app.AddUserAsync(AccountSeeding.NewEmail(), id, (id, RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            Update, $$"""{"input":{"tenantId":"{{id}}","canPartnerManage":false} }""");

        response.ShouldBe("""
            {"data":{"tenantMutations":{"updateTenant":{"tenant":
              {"name":"Handed Over","status":0,"canPartnerManage":false}}}}}
            """);
        var after = await client.PostGraphQLAsync(Get, $$"""{"id":"{{id}}"}""");
        Assert.Equal("UNAUTHORIZED", after.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AvailableRoles_AnyAccount_ListsAdminManageAndViewRolesOfThatAccount()
    {
        var id = await app.AddTenantAsync(name: "Roles");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { availableRoles { name displayName tenantName } } }",
            $$"""{"id":"{{id}}"}""");

        response.ShouldBe($$"""
            {"data":{"tenant":{"availableRoles":[
              {"name":"advertiser-admin-{{id}}","displayName":"admin","tenantName":"Roles"},
              {"name":"advertiser-manage-{{id}}","displayName":"manage","tenantName":"Roles"},
              {"name":"advertiser-view-{{id}}","displayName":"view","tenantName":"Roles"}]} } }
            """);
    }

    [Fact]
    public async Task DeleteTenant_WithMembers_RemovesAccountRolesAndUsersLeftWithoutRole()
    {
        var doomed = await app.AddTenantAsync(name: "Doomed");
        var kept = await app.AddTenantAsync(name: "Kept");
        var onlyDoomed = await app.AddUserAsync(AccountSeeding.NewEmail(), doomed, (doomed, RoleAction.Admin));
        var bothEmail = AccountSeeding.NewEmail();
        var both = await app.AddUserAsync(bothEmail, doomed, (doomed, RoleAction.Manage), (kept, RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Delete, $$"""{"id":"{{doomed}}"}""");

        response.ShouldBe("""{"data":{"tenantMutations":{"deleteTenant":true}}}""");
        var after = await client.PostGraphQLAsync(Get, $$"""{"id":"{{doomed}}"}""");
        Assert.Equal("UNAUTHORIZED", after.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(await QueryAsync(db => db.Users.AnyAsync(u => u.Id == onlyDoomed)));
        var keptUsers = await client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { users { id email roles { name } defaultTenantId } } }",
            $$"""{"id":"{{kept}}"}""");
        keptUsers.ShouldBe($$"""
            {"data":{"tenant":{"users":[{"id":"{{both}}","email":"{{bothEmail}}",
              "roles":[{"name":"advertiser-admin-{{kept}}"}],"defaultTenantId":"{{kept}}"}]} } }
            """);
    }

    [Fact]
    public async Task CanBeDeleted_ApiCaller_IsFalseForEveryUser()
    {
        var shared = await app.AddTenantAsync(name: "Two Admins");
        var solo = await app.AddTenantAsync(name: "One Admin");
        var first = "a-" + AccountSeeding.NewEmail();
        var second = "b-" + AccountSeeding.NewEmail();
        await app.AddUserAsync(first, shared, (shared, RoleAction.Admin));
        await app.AddUserAsync(second, shared, (shared, RoleAction.Admin));
        await app.AddUserAsync(AccountSeeding.NewEmail(), solo, (solo, RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync("""
            query ($shared: String!, $solo: String!) {
              shared: tenant(tenantId: $shared) { users { email canBeDeleted } }
              solo: tenant(tenantId: $solo) { users { canBeDeleted } } }
            """, $$"""{"shared":"{{shared}}","solo":"{{solo}}"}""");

        response.ShouldBe($$"""
            {"data":{
              "shared":{"users":[{"email":"{{first}}","canBeDeleted":false},{"email":"{{second}}","canBeDeleted":false}]},
              "solo":{"users":[{"canBeDeleted":false}]} } }
            """);
    }

    [Fact]
    public async Task UserTenants_UserAlsoInUnmanagedAccount_ListsOnlyManagedAccounts()
    {
        var managed = await app.AddTenantAsync(name: "Open");
        var unmanaged = await app.AddTenantAsync(name: "Closed", canPartnerManage: false);
        await app.AddUserAsync(
            AccountSeeding.NewEmail(), unmanaged, (managed, RoleAction.View), (unmanaged, RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "query ($id: String!) { tenant(tenantId: $id) { users { roles { name } tenants { id } defaultTenantId } } }",
            $$"""{"id":"{{managed}}"}""");

        response.ShouldBe($$"""
            {"data":{"tenant":{"users":[{"roles":[{"name":"advertiser-view-{{managed}}"}],
              "tenants":[{"id":"{{managed}}"}],"defaultTenantId":"{{managed}}"}]} } }
            """);
    }

    [Theory]
    [InlineData("""{"tenantId":"{0}","status":"x"}""")]
    [InlineData("""{"tenantId":"{0}","canPartnerManage":"yes"}""")]
    [InlineData("""{"tenantId":"{0}","status":1.5}""")]
    [InlineData("""{"tenantId":7}""")]
    public async Task UpdateTenant_WrongVariableType_ReturnsBadRequestAndChangesNothing(string input)
    {
        var id = await app.AddTenantAsync(name: "Typed");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            Update, "{\"input\":" + input.Replace("{0}", id, StringComparison.Ordinal) + "}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        Assert.Equal(
            ("BAD_REQUEST", 400, false),
            (error["extensions"]!["code"]!.GetValue<string>(), error["extensions"]!["status"]!.GetValue<int>(),
                response.Json.AsObject().ContainsKey("data")));
        await AssertStoredAsync(client, id, """{"name":"Typed","status":0,"canPartnerManage":true}""");
    }

    private static async Task AssertStoredAsync(HttpClient client, string id, string expectedTenant)
    {
        var stored = await client.PostGraphQLAsync(Get, $$"""{"id":"{{id}}"}""");
        stored.ShouldBe($$"""{"data":{"tenant":{{expectedTenant}}} }""");
    }

    private async Task<T> QueryAsync<T>(Func<Gatehouse.Data.GatehouseDbContext, Task<T>> query)
    {
        T result = default!;
        await app.WithDbAsync(async db => result = await query(db));
        return result;
    }

    private Task<int> CountAsync(Func<Gatehouse.Data.GatehouseDbContext, Task<int>> count) => QueryAsync(count);
}
