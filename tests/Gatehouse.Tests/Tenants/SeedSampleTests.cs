using System.Text.RegularExpressions;
using Gatehouse.Tenants;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Tenants.AccountManagementSamples;

namespace Gatehouse.Tests.Tenants;

/// <summary>
/// Each operation of the Account Management reference, sent exactly as documented, against the accounts the
/// samples name (wW58k7FQ, IaoreXfj, Tse53QtW), which every test seeds afresh.
/// </summary>
public sealed partial class SeedSampleTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string SampleUserEmail = "tempuser@test.com";

    private static readonly Guid SampleUserId = Guid.Parse("992bc489-a799-4374-8933-0109eed60e3d");

    [Fact]
    public async Task CreateSchemaText_SampleVariables_ReturnsNewManagedAccount()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(CreateSchemaText, CreateSampleVariables);

        var id = NewAccountId(response);
        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"createTenant":{"tenant":{
              "id":"{{id}}","name":"TestAdvertiserViaAPI","status":0,"canPartnerManage":true,"users":[],
              "availableRoles":[
                {"name":"advertiser-admin-{{id}}","displayName":"admin"},
                {"name":"advertiser-manage-{{id}}","displayName":"manage"},
                {"name":"advertiser-view-{{id}}","displayName":"view"}],
              "tenantUsage":{"totalActivePixels":0,"totalInactivePixels":0,"totalPixels":0,
                "tenantUsageByTraffic":{"totalEventsReceived":0,"totalPixelsWithTraffic":0,"publishError":false,
                  "durationInHours":24,"lastUpdatedAt":"{{Now()}}"} },
              "canEditTenantSettingsInUI":false,"canViewTenantInUI":false,"canEditTenantUsersInUI":false} } } } }
            """);
    }

    [Fact]
    public async Task CreateSampleRequest_SampleVariables_ReturnsSelectedFieldsOfNewAccount()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(CreateSampleRequest, CreateSampleVariables);

        // The documented response shows a fixed id and three fields the request does not select; ids are
        // random and a GraphQL server returns exactly the selection.
        var id = NewAccountId(response);
        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"createTenant":{"tenant":
              {"id":"{{id}}","name":"TestAdvertiserViaAPI","status":0,"canPartnerManage":true} } } } }
            """);
    }

    [Fact]
    public async Task GetSchemaText_SampleAccount_ReturnsWholeAccount()
    {
        await SeedGetSampleAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(GetSchemaText, GetSampleVariables);

        response.ShouldBe($$"""
            {"data":{"tenant":{
              "id":"wW58k7FQ","name":"Test Account","status":0,"canPartnerManage":true,
              "users":[{"id":"992bc489-a799-4374-8933-0109eed60e3d","email":"tempuser@test.com",
                "roles":[{"name":"advertiser-manage-wW58k7FQ","displayName":"manage"}],
                "tenants":[{"id":"wW58k7FQ","name":"Test Account","status":0,"canPartnerManage":true,
                  "availableRoles":[{"name":"advertiser-admin-wW58k7FQ","displayName":"admin"},
                    {"name":"advertiser-manage-wW58k7FQ","displayName":"manage"},
                    {"name":"advertiser-view-wW58k7FQ","displayName":"view"}]}],
                "isSelf":false,"canBeDeleted":false,"defaultTenantId":"wW58k7FQ"}],
              "availableRoles":[{"name":"advertiser-admin-wW58k7FQ","displayName":"admin"},
                {"name":"advertiser-manage-wW58k7FQ","displayName":"manage"},
                {"name":"advertiser-view-wW58k7FQ","displayName":"view"}],
              "tenantUsage":{"totalActivePixels":0,"totalInactivePixels":0,"totalPixels":0,
                "tenantUsageByTraffic":{"totalEventsReceived":0,"totalPixelsWithTraffic":0,"publishError":false,
                  "durationInHours":24,"lastUpdatedAt":"{{Now()}}"} },
              "canEditTenantSettingsInUI":false,"canViewTenantInUI":false} } }
            """);
    }

    [Fact]
    public async Task GetSampleRequest_SampleAccount_ReturnsDocumentedResponse()
    {
        await SeedGetSampleAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(GetSampleRequest, GetSampleVariables);

        response.ShouldBe(GetSampleResponse);
    }

    [Fact]
    public async Task UpdateSchemaText_SampleVariables_ReturnsWholeUpdatedAccount()
    {
        await app.AddTenantAsync("IaoreXfj", "Before The Update", status: TenantStatus.Deactivated);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateSchemaText, UpdateSampleVariables);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"updateTenant":{"tenant":{
              "id":"IaoreXfj","name":"Test Account Name Update","status":0,"canPartnerManage":true,"users":[],
              "availableRoles":[{"name":"advertiser-admin-IaoreXfj","displayName":"admin"},
                {"name":"advertiser-manage-IaoreXfj","displayName":"manage"},
                {"name":"advertiser-view-IaoreXfj","displayName":"view"}],
              "tenantUsage":{"totalActivePixels":0,"totalInactivePixels":0,"totalPixels":0,
                "tenantUsageByTraffic":{"totalEventsReceived":0,"totalPixelsWithTraffic":0,"publishError":false,
                  "durationInHours":24,"lastUpdatedAt":"{{Now()}}"} },
              "canEditTenantSettingsInUI":false,"canViewTenantInUI":false} } } } }
            """);
    }

    [Fact]
    public async Task UpdateSampleRequest_SampleVariables_ReturnsDocumentedResponseAndStoresChange()
    {
        await app.AddTenantAsync("IaoreXfj", "Before The Update", status: TenantStatus.Deactivated);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateSampleRequest, UpdateSampleVariables);

        response.ShouldBe(UpdateSampleResponse);
        var stored = await client.PostGraphQLAsync("""{ tenant(tenantId: "IaoreXfj") { name status } }""");
        stored.ShouldBe("""{"data":{"tenant":{"name":"Test Account Name Update","status":0}}}""");
    }

    [Fact]
    public async Task DeleteSchemaText_SampleAccount_ReturnsTrueAndRemovesAccount()
    {
        await app.AddTenantAsync("Tse53QtW", "Doomed Account");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(DeleteSchemaText, DeleteSampleVariables);

        response.ShouldBe("""{"data":{"tenantMutations":{"deleteTenant":true}}}""");
        Assert.False(await AccountExistsAsync("Tse53QtW"));
    }

    [Fact]
    public async Task DeleteSampleRequest_SampleAccount_ReturnsDocumentedResponseAndRemovesAccount()
    {
        await app.AddTenantAsync("Tse53QtW", "Doomed Account");
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(DeleteSampleRequest, DeleteSampleVariables);

        response.ShouldBe(DeleteSampleResponse);
        Assert.False(await AccountExistsAsync("Tse53QtW"));
    }

    [Fact]
    public async Task UsageSchemaText_SampleAccount_ReturnsPixelPipelineAndTrafficCounts()
    {
        await SeedUsageSampleAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UsageSchemaText, """{"tenantId":"IaoreXfj"}""");

        response.ShouldBe("""
            {"data":{"tenantUsage":{"totalActivePipeline":1,"totalInactivePixels":1,"totalPixels":4,"totalPipelines":2,
              "tenantUsageByTraffic":{"totalEventsReceived":42,"totalPixelsWithTraffic":2}}}}
            """);
    }

    [Fact]
    public async Task UsageSampleRequest_SampleAccount_ReturnsDocumentedCounts()
    {
        await SeedUsageSampleAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UsageSampleRequest);

        // The documented response leaves out totalInactivePixels although the request selects it.
        response.ShouldBe("""{"data":{"tenantUsage":{"totalActivePixels":3,"totalInactivePixels":1,"totalPixels":4}}}""");
    }

    private async Task SeedGetSampleAsync()
    {
        await app.AddTenantAsync("wW58k7FQ", "Test Account");
        await app.AddUserAsync(SampleUserId, SampleUserEmail, "wW58k7FQ", ("wW58k7FQ", RoleAction.Manage));
    }

    private async Task SeedUsageSampleAsync()
    {
        await app.AddTenantAsync("IaoreXfj", "Test Account");
        var pixels = AccountSeeding.NewPixelIds(4);
        await app.AddPixelsAsync(
            "IaoreXfj", (pixels[0], true), (pixels[1], true), (pixels[2], true), (pixels[3], false));
        await app.AddPipelinesAsync("IaoreXfj", true, false);
        await app.AddTrafficAsync("IaoreXfj", pixels[0], TimeSpan.FromMinutes(5), 40);
        await app.AddTrafficAsync("IaoreXfj", pixels[1], TimeSpan.FromHours(3), 2);
    }

    private async Task<bool> AccountExistsAsync(string id)
    {
        var exists = false;
        await app.WithDbAsync(async db => exists = await db.Tenants.AnyAsync(t => t.Id == id));
        return exists;
    }

    private string Now() => app.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", null);

    private static string NewAccountId(GraphQLResponse response)
    {
        var id = response.Json["data"]?["tenantMutations"]?["createTenant"]?["tenant"]?["id"]?.GetValue<string>();
        Assert.Matches(AccountIdPattern(), id);
        return id!;
    }

    [GeneratedRegex("^[A-Za-z0-9]{8}$")]
    private static partial Regex AccountIdPattern();
}
