using System.Globalization;
using Gatehouse.Pixels;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gatehouse.Tests.Pixels.PixelSamples;

namespace Gatehouse.Tests.Pixels;

/// <summary>What /capig/graphql/ refuses, who may change pixels, and what a change leaves behind.</summary>
public sealed class PixelRulesTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string Usage = """
        query ($id: String!) {
          tenantUsage(tenantId: $id) { totalPixels totalActivePixels totalInactivePixels pixelIds } }
        """;

    [Theory]
    [InlineData("pixel-1")]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    public async Task SetupPixel_PixelIdNotANumber_ReturnsBadRequestAndStoresNothing(string pixelId)
    {
        var tenantId = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);

        Assert.Equal(("input.pixelId must be a Meta Pixel ID: 1 to 32 digits.", "BAD_REQUEST", 400), ErrorOf(response));
        Assert.Equal(0, await CountPixelsAsync(tenantId));
    }

    [Fact]
    public async Task SetupPixel_BadApiVersionAndBlankToken_ReturnBadRequest()
    {
        var tenantId = await app.AddTenantAsync();
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateApiClientAsync();

        var version = await client.PostGraphQLAsync(
            Create, CreateVariables(tenantId, pixelId).Replace("v14.0", "14", StringComparison.Ordinal), Endpoint);
        var token = await client.PostGraphQLAsync(
            Create, CreateVariables(tenantId, pixelId).Replace(AccessToken, " ", StringComparison.Ordinal), Endpoint);

        Assert.Equal(("input.apiVersion must be a Graph API version such as v17.0.", "BAD_REQUEST", 400),
            ErrorOf(version));
        Assert.Equal(("input.accessToken must be 1 to 1000 characters once trimmed.", "BAD_REQUEST", 400),
            ErrorOf(token));
        Assert.Equal(0, await CountPixelsAsync(tenantId));
    }

    [Fact]
    public async Task DeleteDataSource_UnknownPixel_ReturnsNotFound()
    {
        var tenantId = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Delete, IdVariables(tenantId, "4242"), Endpoint);

        response.ShouldBe("""
            {"errors":[{"message":"Pixel 4242 is not connected to this account.","locations":[{"line":1,"column":125}],
              "path":["tenantMutations","signalMutations","deleteDataSource"],
              "extensions":{"code":"NOT_FOUND","status":404}}],
             "data":{"tenantMutations":null}}
            """);
    }

    [Fact]
    public async Task UpdateEventsStatus_PixelOfAnotherAccount_ReturnsNotFoundAndKeepsIt()
    {
        var (mine, theirs) = (await app.AddTenantAsync(), await app.AddTenantAsync());
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(theirs, pixelId), Endpoint);

        var response = await client.PostGraphQLAsync(Receive, StatusVariables(mine, 0, pixelId), Endpoint);

        Assert.Equal(($"Pixel {pixelId} is not connected to this account.", "NOT_FOUND", 404), ErrorOf(response));
        var stored = await QueryAsync(db => db.Pixels.AsNoTracking().SingleAsync(p => p.Id == pixelId));
        Assert.Equal((theirs, true), (stored.TenantId, stored.IsActive));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public async Task UpdateCapiPublish_StatusOtherThanZeroOrOne_ReturnsBadRequest(int status)
    {
        var tenantId = await app.AddTenantAsync();
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);

        var response = await client.PostGraphQLAsync(Publish, StatusVariables(tenantId, status, pixelId), Endpoint);

        Assert.Equal(($"input.status must be 0 (deactivate) or 1 (activate); it is {status}.", "BAD_REQUEST", 400),
            ErrorOf(response));
    }

    [Fact]
    public async Task SetupPixel_PixelOfAnotherAccount_ReturnsConflict()
    {
        var (first, second) = (await app.AddTenantAsync(), await app.AddTenantAsync());
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(first, pixelId), Endpoint);

        var response = await client.PostGraphQLAsync(Create, CreateVariables(second, pixelId), Endpoint);

        Assert.Equal(
            ($"Pixel {pixelId} is connected to another account; delete it there first.", "CONFLICT", 409),
            ErrorOf(response));
        var stored = await QueryAsync(db => db.Pixels.AsNoTracking().SingleAsync(p => p.Id == pixelId));
        Assert.Equal(first, stored.TenantId);
    }

    [Fact]
    public async Task ListPixels_TimeWindowZero_ReturnsBadRequest()
    {
        var tenantId = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(List, ListVariables(tenantId, 0), Endpoint);

        Assert.Equal(("timeWindowMin must be 1 to 43200 minutes; it is 0.", "BAD_REQUEST", 400), ErrorOf(response));
    }

    [Fact]
    public async Task SetupPixel_ViewOnlyHubUser_ReturnsUnauthorizedButMayList()
    {
        var tenantId = await app.AddTenantAsync(name: "Viewed");
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateHubClientAsync($"advertiser-view-{tenantId}");

        var setup = await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);
        var list = await client.PostGraphQLAsync(List, ListVariables(tenantId), Endpoint);

        Assert.Equal(("Not authorized to change the account's pixels.", "UNAUTHORIZED", 401), ErrorOf(setup));
        Assert.Equal(0, await CountPixelsAsync(tenantId));
        list.ShouldBe("""{"data":{"tenantQueries":{"account":{"name":"Viewed","status":0,"signalConfigs":[]}}}}""");
    }

    [Fact]
    public async Task SwitchAndDelete_ViewOnlyHubUser_ReturnUnauthorizedAndChangeNothing()
    {
        var tenantId = await app.AddTenantAsync();
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using (var api = await app.CreateApiClientAsync())
        {
            await api.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);
        }

        using var client = await app.CreateHubClientAsync($"advertiser-view-{tenantId}");

        var receive = await client.PostGraphQLAsync(Receive, StatusVariables(tenantId, 0, pixelId), Endpoint);
        var publish = await client.PostGraphQLAsync(Publish, StatusVariables(tenantId, 0, pixelId), Endpoint);
        var delete = await client.PostGraphQLAsync(Delete, IdVariables(tenantId, pixelId), Endpoint);

        var refused = ("Not authorized to change the account's pixels.", "UNAUTHORIZED", 401);
        Assert.Equal([refused, refused, refused], [ErrorOf(receive), ErrorOf(publish), ErrorOf(delete)]);
        var stored = await QueryAsync(db => db.Pixels.AsNoTracking().SingleAsync(p => p.Id == pixelId));
        Assert.Equal((true, true), (stored.IsActive, stored.IsPublishing));
    }

    [Theory]
    [InlineData("agency-admin", "ok", "ok")]
    [InlineData("agency-manage", "ok", "ok")]
    [InlineData("agency-view", "ok", "401")]
    [InlineData("advertiser-admin-X", "ok", "ok")]
    [InlineData("advertiser-manage-X", "ok", "ok")]
    [InlineData("advertiser-view-X", "ok", "401")]
    [InlineData("advertiser-admin-Y", "401", "401")]
    public async Task CapigOperations_HubUserRole_FollowPermissionTable(string role, string list, string setup)
    {
        var (x, y) = (await app.AddTenantAsync(), await app.AddTenantAsync());
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateHubClientAsync(HubUsers.RoleFor(role, x, y));

        var listed = await client.PostGraphQLAsync(List, ListVariables(x), Endpoint);
        var created = await client.PostGraphQLAsync(Create, CreateVariables(x, pixelId), Endpoint);

        Assert.Equal((list, setup), (Outcome(listed), Outcome(created)));
        Assert.Equal(setup == "ok" ? 1 : 0, await CountPixelsAsync(x));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CapigOperations_UnmanagedAccountOrUnknownAccount_ReturnUnauthorized(bool exists)
    {
        var tenantId = exists ? await app.AddTenantAsync(canPartnerManage: false) : AccountSeeding.NewId();
        using var client = await app.CreateApiClientAsync();

        var list = await client.PostGraphQLAsync(List, ListVariables(tenantId), Endpoint);
        var setup = await client.PostGraphQLAsync(
            Create, CreateVariables(tenantId, AccountSeeding.NewPixelIds(1)[0]), Endpoint);

        Assert.Equal(("Not authorized to view account.", "UNAUTHORIZED", 401), ErrorOf(list));
        Assert.Null(list.Json["data"]!["tenantQueries"]);
        Assert.Equal(("Not authorized to change account.", "UNAUTHORIZED", 401), ErrorOf(setup));
        Assert.Equal(0, await CountPixelsAsync(tenantId));
    }

    [Fact]
    public async Task SetupPixel_AccessToken_IsStoredEncryptedAndNeverReturned()
    {
        var tenantId = await app.AddTenantAsync();
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);

        Assert.DoesNotContain(AccessToken, response.Body, StringComparison.Ordinal);
        var stored = await QueryAsync(db => db.Pixels.Where(p => p.Id == pixelId)
            .Select(p => p.ProtectedAccessToken).SingleAsync());
        Assert.NotNull(stored);
        Assert.DoesNotContain(AccessToken, stored, StringComparison.Ordinal);
        Assert.Equal(AccessToken, app.Services.GetRequiredService<PixelTokens>().Read(pixelId, stored));
    }

    [Fact]
    public async Task SetupPixel_AgainWithNewSettings_KeepsSwitchesAndReplacesSettings()
    {
        var tenantId = await app.AddTenantAsync();
        var pixelId = AccountSeeding.NewPixelIds(1)[0];
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);
        await client.PostGraphQLAsync(Publish, StatusVariables(tenantId, 0, pixelId), Endpoint);

        await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId, " Checkout ")
            .Replace("v14.0", "v17.0", StringComparison.Ordinal), Endpoint);

        var stored = await QueryAsync(db => db.Pixels.AsNoTracking().SingleAsync(p => p.Id == pixelId));
        Assert.Equal(("Checkout", "v17.0", "1234567890", "", true, false),
            (stored.Name, stored.ApiVersion, stored.BusinessId, stored.ExternalId, stored.IsActive,
                stored.IsPublishing));
    }

    [Fact]
    public async Task TenantUsage_PixelsChangedThroughCapig_CountsThem()
    {
        var tenantId = await app.AddTenantAsync();
        var pixelIds = AccountSeeding.NewPixelIds(3);
        using var client = await app.CreateApiClientAsync();
        foreach (var pixelId in pixelIds)
        {
            await client.PostGraphQLAsync(Create, CreateVariables(tenantId, pixelId), Endpoint);
        }

        await client.PostGraphQLAsync(Receive, StatusVariables(tenantId, 0, pixelIds[1]), Endpoint);
        await client.PostGraphQLAsync(Delete, IdVariables(tenantId, pixelIds[2]), Endpoint);
        var response = await client.PostGraphQLAsync(Usage, $$"""{"id":"{{tenantId}}"}""");

        response.ShouldBe($$"""
            {"data":{"tenantUsage":{"totalPixels":2,"totalActivePixels":1,"totalInactivePixels":1,
              "pixelIds":["{{pixelIds[0]}}","{{pixelIds[1]}}"] } } }
            """);
    }

    [Fact]
    public async Task Schemas_EachEndpoint_ServesOnlyItsOwnRootFields()
    {
        var tenantId = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();

        var hubOnCapig = await client.PostGraphQLAsync(
            $$"""{ tenant(tenantId: "{{tenantId}}") { id } }""", null, Endpoint);
        var capigOnHub = await client.PostGraphQLAsync(
            $$"""{ tenantQueries(tenantId: "{{tenantId}}") { account { name } } }""");

        Assert.Equal(("Cannot query field 'tenant' on type 'Query'.", "BAD_REQUEST", 400), ErrorOf(hubOnCapig));
        Assert.Equal(("Cannot query field 'tenantQueries' on type 'Query'.", "BAD_REQUEST", 400), ErrorOf(capigOnHub));
    }

    private static string Outcome(GraphQLResponse response) =>
        response.Json["errors"] is null ? "ok" : ErrorOf(response).Status.ToString(CultureInfo.InvariantCulture);

    private Task<int> CountPixelsAsync(string tenantId) =>
        QueryAsync(db => db.Pixels.CountAsync(p => p.TenantId == tenantId));

    private async Task<T> QueryAsync<T>(Func<Gatehouse.Data.GatehouseDbContext, Task<T>> query)
    {
        T result = default!;
        await app.WithDbAsync(async db => result = await query(db));
        return result;
    }

    private static (string Message, string Code, int Status) ErrorOf(GraphQLResponse response)
    {
        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        return (error["message"]!.GetValue<string>(), error["extensions"]!["code"]!.GetValue<string>(),
            error["extensions"]!["status"]!.GetValue<int>());
    }
}
