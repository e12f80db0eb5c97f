using System.Globalization;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Events.FilterSamples;
using static Gatehouse.Tests.Infrastructure.GraphQLErrors;
using static Gatehouse.Tests.Pixels.PixelSamples;

namespace Gatehouse.Tests.Events;

/// <summary>What the filter mutations store, what they answer for several pixels, what they refuse, for whom.</summary>
public sealed class FilterMutationTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task UpdateEventFilter_AccountWide_ReplacesThePixelsOwnFilters()
    {
        var (tenantId, pixels) = await NewAccountAsync(2);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);

        var response = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", null, "PUBLISH")), Endpoint);

        response.ShouldBe("""
            {"data":{"tenantMutations":{"updateEventFilter":{"updatedFilter":{"id":"EventFilter:Purchase:global",
              "eventName":"Purchase","pixelId":null,"filterState":"PUBLISH"} } } } }
            """);
        Assert.Equal([":Publish"], await EventRowsAsync(tenantId, "Purchase"));
    }

    [Fact]
    public async Task UpdateEventFilter_SomePixelsOfTheAccount_ReturnsTheAccountAsMixed()
    {
        var (tenantId, pixels) = await NewAccountAsync(3);
        using var client = await app.CreateApiClientAsync();

        var some = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Lead", $"[\"{pixels[0]}\",\"{pixels[1]}\"]", "DROP")), Endpoint);
        var rest = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Lead", $"[\"{pixels[2]}\",\"{pixels[1]}\"]", "DROP")), Endpoint);

        some.ShouldBe("""
            {"data":{"tenantMutations":{"updateEventFilter":{"updatedFilter":{"id":"EventFilter:Lead:global",
              "eventName":"Lead","pixelId":null,"filterState":"MIXED"} } } } }
            """);
        rest.ShouldBe("""
            {"data":{"tenantMutations":{"updateEventFilter":{"updatedFilter":{"id":"EventFilter:Lead:global",
              "eventName":"Lead","pixelId":null,"filterState":"DROP"} } } } }
            """);
        Assert.Equal([$"{pixels[0]}:Drop", $"{pixels[1]}:Drop", $"{pixels[2]}:Drop"],
            await EventRowsAsync(tenantId, "Lead"));
    }

    [Fact]
    public async Task UpdateEventFilter_PixelAfterAccountWide_KeepsBothRows()
    {
        var (tenantId, pixels) = await NewAccountAsync(2);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("PageView", null, "DROP")), Endpoint);

        var response = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput(" PageView ", $"[\"{pixels[1]}\"]", "PUBLISH")), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"updateEventFilter":{"updatedFilter":{
              "id":"EventFilter:PageView:{{pixels[1]}}","eventName":"PageView","pixelId":"{{pixels[1]}}",
              "filterState":"PUBLISH"} } } } }
            """);
        Assert.Equal([$"{pixels[1]}:Publish", ":Drop"], await EventRowsAsync(tenantId, "PageView"));
    }

    [Theory]
    [InlineData("\"Purchase\"", "null", "MIXED",
        "input.filterState must be PUBLISH or DROP; MIXED only describes an account whose pixels differ.", 400)]
    [InlineData("\"Purchase\"", "[]", "PUBLISH",
        "input.pixelIds must name at least one pixel, or be null for every pixel of the account.", 400)]
    [InlineData("\"Purchase\"", "[\"px\"]", "PUBLISH", "input.pixelIds must be a Meta Pixel ID: 1 to 32 digits.", 400)]
    [InlineData("\"Purchase\"", "[\"4242\"]", "PUBLISH", "Pixel 4242 is not connected to this account.", 404)]
    [InlineData("\"   \"", "null", "PUBLISH", "input.eventName must be 1 to 100 characters once trimmed.", 400)]
    [InlineData("LONG", "null", "PUBLISH", "input.eventName must be 1 to 100 characters once trimmed.", 400)]
    public async Task UpdateEventFilter_BadInput_ReturnsErrorAndChangesNothing(
        string eventName,
        string pixelIds,
        string state,
        string message,
        int status)
    {
        var (tenantId, pixels) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);
        var name = eventName == "LONG" ? $"\"{new string('E', 101)}\"" : eventName;

        var response = await client.PostGraphQLAsync(UpdateEventFilter, Variables(tenantId,
            $$"""{"eventName":{{name}},"pixelIds":{{pixelIds}},"filterState":"{{state}}"}"""), Endpoint);

        var code = status == 404 ? "NOT_FOUND" : "BAD_REQUEST";
        Assert.Equal((message, code, status), ErrorOf(response));
        Assert.Equal([$"{pixels[0]}:Drop"], await EventRowsAsync(tenantId, "Purchase"));
    }

    [Fact]
    public async Task UpdateEventFilter_PixelOfAnotherAccount_ReturnsNotFoundAndChangesNothing()
    {
        var (mine, _) = await NewAccountAsync(1);
        var (theirs, theirPixels) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(mine, EventInput("Purchase", $"[\"{theirPixels[0]}\"]", "DROP")), Endpoint);

        Assert.Equal(($"Pixel {theirPixels[0]} is not connected to this account.", "NOT_FOUND", 404),
            ErrorOf(response));
        Assert.Empty(await EventRowsAsync(mine, "Purchase"));
        Assert.Empty(await EventRowsAsync(theirs, "Purchase"));
    }

    [Fact]
    public async Task UpdateDomainFilter_MixedCaseHost_IsStoredAndReturnedInLowerCase()
    {
        var (tenantId, pixels) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput(" Shop.Example.COM ", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"updateDomainFilter":{"updatedFilter":{
              "id":"DomainFilter:shop.example.com:{{pixels[0]}}","domain":"shop.example.com",
              "pixelId":"{{pixels[0]}}","filterState":"DROP"} } } } }
            """);
        Assert.Equal([$"shop.example.com:{pixels[0]}:Drop"], await DomainRowsAsync(tenantId));
    }

    [Fact]
    public async Task UpdateDomainFilter_SubdomainOfABlockedSite_ReturnsMixedWhenOnlySomePixelsUnblockIt()
    {
        var (tenantId, pixels) = await NewAccountAsync(3);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", null, "DROP")), Endpoint);

        var response = await client.PostGraphQLAsync(UpdateDomainFilter, Variables(tenantId,
            DomainInput("shop.example.com", $"[\"{pixels[0]}\",\"{pixels[1]}\"]", "PUBLISH")), Endpoint);

        // The third pixel still drops shop.example.com through the account's filter of example.com.
        response.ShouldBe("""
            {"data":{"tenantMutations":{"updateDomainFilter":{"updatedFilter":{
              "id":"DomainFilter:shop.example.com:global","domain":"shop.example.com","pixelId":null,
              "filterState":"MIXED"} } } } }
            """);
        Assert.Equal(["example.com::Drop", $"shop.example.com:{pixels[0]}:Publish",
            $"shop.example.com:{pixels[1]}:Publish"], await DomainRowsAsync(tenantId));
    }

    [Fact]
    public async Task UpdateDomainFilter_AccountWide_ReplacesThePixelsOwnFiltersOfThatDomainOnly()
    {
        var (tenantId, pixels) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();
        var pixel = $"[\"{pixels[0]}\"]";
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", pixel, "DROP")), Endpoint);
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.org", pixel, "DROP")), Endpoint);

        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", null, "PUBLISH")), Endpoint);

        Assert.Equal(["example.com::Publish", $"example.org:{pixels[0]}:Drop"], await DomainRowsAsync(tenantId));
    }

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("example.com/checkout")]
    [InlineData("example.com:443")]
    [InlineData("exa mple.com")]
    [InlineData("")]
    [InlineData("*.example.com")]
    public async Task UpdateDomainFilter_NotABareHost_ReturnsBadRequestAndChangesNothing(string domain)
    {
        var (tenantId, _) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput(domain, null, "DROP")), Endpoint);

        Assert.Equal(("input.domain must be a bare host name such as example.com: no scheme, path, port or "
            + "spaces, at most 253 characters.", "BAD_REQUEST", 400), ErrorOf(response));
        Assert.Empty(await DomainRowsAsync(tenantId));
    }

    [Fact]
    public async Task UpdateDomainFilter_Mixed_ReturnsBadRequest()
    {
        var (tenantId, _) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", null, "MIXED")), Endpoint);

        Assert.Equal(("input.filterState must be PUBLISH or DROP; MIXED only describes an account whose pixels "
            + "differ.", "BAD_REQUEST", 400), ErrorOf(response));
        Assert.Empty(await DomainRowsAsync(tenantId));
    }

    [Fact]
    public async Task DeleteDataSource_PixelWithFilters_RemovesItsOwnFiltersAndKeepsTheAccounts()
    {
        var (tenantId, pixels) = await NewAccountAsync(1);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", null, "DROP")), Endpoint);
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", $"[\"{pixels[0]}\"]", "PUBLISH")), Endpoint);
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);

        await client.PostGraphQLAsync(Delete, IdVariables(tenantId, pixels[0]), Endpoint);

        Assert.Equal([":Drop"], await EventRowsAsync(tenantId, "Purchase"));
        Assert.Empty(await DomainRowsAsync(tenantId));
    }

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
        var (x, _) = await NewAccountAsync(1);
        var y = await app.AddTenantAsync();
        using var client = await app.CreateHubClientAsync(role.Replace("-X", "-" + x, StringComparison.Ordinal)
            .Replace("-Y", "-" + y, StringComparison.Ordinal));

        var read = await client.PostGraphQLAsync(
            "query ($t: ID!) { tenantQueries(tenantId: $t) { eventMetrics { id } } }", $$"""{"t":"{{x}}"}""",
            Endpoint);
        var events = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(x, EventInput("Purchase", null, "DROP")), Endpoint);
        var domains = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(x, DomainInput("example.com", null, "DROP")), Endpoint);

        Assert.Equal((metrics, filters, filters), (Outcome(read), Outcome(events), Outcome(domains)));
        Assert.Equal(filters == "ok" ? 1 : 0, (await EventRowsAsync(x, "Purchase")).Count);
        Assert.Equal(filters == "ok" ? 1 : 0, (await DomainRowsAsync(x)).Count);
    }

    [Fact]
    public async Task UpdateEventFilter_ViewOnlyHubUser_SaysWhatItMayNotDo()
    {
        var (tenantId, _) = await NewAccountAsync(1);
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
        Assert.Empty(await EventRowsAsync(tenantId, "Purchase"));
        Assert.Empty(await DomainRowsAsync(tenantId));
    }

    private async Task<(string TenantId, string[] Pixels)> NewAccountAsync(int pixelCount)
    {
        var tenantId = await app.AddTenantAsync();
        var pixels = AccountSeeding.NewPixelIds(pixelCount);
        await app.AddPixelsAsync(tenantId, [.. pixels.Select(p => (p, true))]);
        return (tenantId, pixels);
    }

    /// <summary>The filters of one event name as pixel:state (no pixel: account-wide), in ordinal order.</summary>
    private async Task<List<string>> EventRowsAsync(string tenantId, string eventName)
    {
        List<(string PixelId, Gatehouse.Events.FilterState State)> rows = [];
        await app.WithDbAsync(async db => rows = [.. (await db.EventFilters.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.EventName == eventName).ToListAsync())
            .Select(f => (f.PixelId, f.State))]);
        return [.. rows.Select(r => $"{r.PixelId}:{r.State}").Order(StringComparer.Ordinal)];
    }

    /// <summary>The account's domain filters as domain:pixel:state, in ordinal order.</summary>
    private async Task<List<string>> DomainRowsAsync(string tenantId)
    {
        List<string> rows = [];
        await app.WithDbAsync(async db => rows = [.. (await db.DomainFilters.AsNoTracking()
            .Where(f => f.TenantId == tenantId).ToListAsync())
            .Select(f => $"{f.Domain}:{f.PixelId}:{f.State}")]);
        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static string Outcome(GraphQLResponse response) =>
        response.Json["errors"] is null ? "ok" : ErrorOf(response).Status.ToString(CultureInfo.InvariantCulture);
}
