using System.Globalization;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using static Gatehouse.Tests.Events.FilterSamples;
using static Gatehouse.Tests.Infrastructure.GraphQLErrors;
using static Gatehouse.Tests.Pixels.PixelSamples;

namespace Gatehouse.Tests.Events;

/// <summary>Who may change filters and read event metrics: the CAPIG rows of docs/permissions.md.</summary>
public sealed class FilterPermissionTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Theory]
    [InlineData("agency-admin", "ok", "ok")]
    [InlineData("agency-manage", "ok", "ok")]
    [InlineData("agency-view", "ok", "401")]
    [InlineData("advertiser-admin-X", "ok", "ok")]
    [InlineData("advertiser-manage-X", "ok", "ok")]
    [InlineData("advertiser-view-X", "ok", "401")]
    [InlineData("advertiser-admin-Y", "401", "401")]
    public async Task FilterAndMetricsOperations_HubUserRole_FollowPermissionTable(
        string role,
        string metrics,
        string filters)
    {
        var (x, _) = await app.AddAccountWithPixelsAsync(1);
        var y = await app.AddTenantAsync();
        using var client = await app.CreateHubClientAsync(HubUsers.RoleFor(role, x, y));

        var read = await client.PostGraphQLAsync(
            "query ($t: ID!) { tenantQueries(tenantId: $t) { eventMetrics { id } } }", $$"""{"t":"{{x}}"}""",
            Endpoint);
        var events = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(x, EventInput("Purchase", null, "DROP")), Endpoint);
        var domains = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(x, DomainInput("example.com", null, "DROP")), Endpoint);

        Assert.Equal((metrics, filters, filters), (Outcome(read), Outcome(events), Outcome(domains)));
        Assert.Equal(filters == "ok" ? 1 : 0, (await app.EventFilterRowsAsync(x, "Purchase")).Count);
        Assert.Equal(filters == "ok" ? 1 : 0, (await app.DomainFilterRowsAsync(x)).Count);
    }

    [Fact]
    public async Task UpdateEventFilter_ViewOnlyHubUser_SaysWhatItMayNotDo()
    {
        var (tenantId, _) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateHubClientAsync($"advertiser-view-{tenantId}");

        var response = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", null, "DROP")), Endpoint);

        response.ShouldBe("""
            {"errors":[{"message":"Not authorized to change the account's filters.",
              "locations":[{"line":2,"column":42}],"path":["tenantMutations","updateEventFilter"],
              "extensions":{"code":"UNAUTHORIZED","status":401}}],
             "data":{"tenantMutations":null}}
            """);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FilterOperations_UnmanagedOrUnknownAccount_ReturnUnauthorized(bool exists)
    {
        var tenantId = exists ? await app.AddTenantAsync(canPartnerManage: false) : AccountSeeding.NewId();
        using var client = await app.CreateApiClientAsync();

        var events = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", null, "DROP")), Endpoint);
        var domains = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", null, "DROP")), Endpoint);

        var refused = ("Not authorized to change account.", "UNAUTHORIZED", 401);
        Assert.Equal([refused, refused], [ErrorOf(events), ErrorOf(domains)]);
        Assert.Empty(await app.EventFilterRowsAsync(tenantId, "Purchase"));
        Assert.Empty(await app.DomainFilterRowsAsync(tenantId));
    }

    private static string Outcome(GraphQLResponse response) =>
        response.Json["errors"] is null ? "ok" : ErrorOf(response).Status.ToString(CultureInfo.InvariantCulture);
}
