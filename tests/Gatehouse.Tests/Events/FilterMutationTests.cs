using Gatehouse.Events;
using Gatehouse.Tests.Infrastructure;
using static Gatehouse.Tests.Events.FilterSamples;
using static Gatehouse.Tests.Infrastructure.GraphQLErrors;
using static Gatehouse.Tests.Pixels.PixelSamples;

namespace Gatehouse.Tests.Events;

/// <summary>What the filter mutations store, what they answer for several pixels and what they refuse.</summary>
public sealed class FilterMutationTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task UpdateEventFilter_AccountWide_ReplacesThePixelsOwnFilters()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(2);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);

        var response = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", null, "PUBLISH")), Endpoint);

        response.ShouldBe("""
            {"data":{"tenantMutations":{"updateEventFilter":{"updatedFilter":{"id":"EventFilter:Purchase:global",
              "eventName":"Purchase","pixelId":null,"filterState":"PUBLISH"} } } } }
            """);
        Assert.Equal([":Publish"], await app.EventFilterRowsAsync(tenantId, "Purchase"));
    }

    [Fact]
    public async Task UpdateEventFilter_SomePixelsOfTheAccount_ReturnsTheAccountAsMixed()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(3);
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
            await app.EventFilterRowsAsync(tenantId, "Lead"));
    }

    [Fact]
    public async Task UpdateEventFilter_PixelAfterAccountWide_KeepsBothRows()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(2);
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
        Assert.Equal([$"{pixels[1]}:Publish", ":Drop"], await app.EventFilterRowsAsync(tenantId, "PageView"));
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
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);
        var name = eventName == "LONG" ? $"\"{new string('E', 101)}\"" : eventName;

        var response = await client.PostGraphQLAsync(UpdateEventFilter, Variables(tenantId,
            $$"""{"eventName":{{name}},"pixelIds":{{pixelIds}},"filterState":"{{state}}"}"""), Endpoint);

        var code = status == 404 ? "NOT_FOUND" : "BAD_REQUEST";
        Assert.Equal((message, code, status), ErrorOf(response));
        Assert.Equal([$"{pixels[0]}:Drop"], await app.EventFilterRowsAsync(tenantId, "Purchase"));
    }

    [Fact]
    public async Task UpdateEventFilter_PixelOfAnotherAccount_ReturnsNotFoundAndChangesNothing()
    {
        var (mine, _) = await app.AddAccountWithPixelsAsync(1);
        var (theirs, theirPixels) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(mine, EventInput("Purchase", $"[\"{theirPixels[0]}\"]", "DROP")), Endpoint);

        Assert.Equal(($"Pixel {theirPixels[0]} is not connected to this account.", "NOT_FOUND", 404),
            ErrorOf(response));
        Assert.Empty(await app.EventFilterRowsAsync(mine, "Purchase"));
        Assert.Empty(await app.EventFilterRowsAsync(theirs, "Purchase"));
    }

    [Fact]
    public async Task UpdateDomainFilter_MixedCaseHost_IsStoredAndReturnedInLowerCase()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput(" Shop.Example.COM ", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);

        response.ShouldBe($$"""
            {"data":{"tenantMutations":{"updateDomainFilter":{"updatedFilter":{
              "id":"DomainFilter:shop.example.com:{{pixels[0]}}","domain":"shop.example.com",
              "pixelId":"{{pixels[0]}}","filterState":"DROP"} } } } }
            """);
        Assert.Equal([$"shop.example.com:{pixels[0]}:Drop"], await app.DomainFilterRowsAsync(tenantId));
    }

    [Fact]
    public async Task UpdateDomainFilter_SubdomainOfABlockedSite_ReturnsMixedWhenOnlySomePixelsUnblockIt()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(3);
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
            $"shop.example.com:{pixels[1]}:Publish"], await app.DomainFilterRowsAsync(tenantId));
    }

    [Fact]
    public async Task UpdateDomainFilter_AccountWide_ReplacesThePixelsOwnFiltersOfThatDomainOnly()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();
        var pixel = $"[\"{pixels[0]}\"]";
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", pixel, "DROP")), Endpoint);
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.org", pixel, "DROP")), Endpoint);

        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", null, "PUBLISH")), Endpoint);

        Assert.Equal(
            ["example.com::Publish", $"example.org:{pixels[0]}:Drop"], await app.DomainFilterRowsAsync(tenantId));
    }

    [Fact]
    public async Task AccountFilters_AfterFilterMutations_DecideWhatTheDataPlanePublishes()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(2);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Lead", null, "DROP")), Endpoint);
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Lead", $"[\"{pixels[1]}\"]", "PUBLISH")), Endpoint);
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("Example.com", null, "DROP")), Endpoint);

        AccountFilters filters = null!;
        await app.WithDbAsync(async db => filters = await AccountFilters.LoadAsync(db, tenantId, default));

        Assert.Equal(
            [false, true, false, true],
            [
                filters.IsPublished(pixels[0], "Lead", "shop.test"),
                filters.IsPublished(pixels[1], "Lead", "shop.test"),
                filters.IsPublished(pixels[1], "Purchase", "www.example.com"),
                filters.IsPublished(pixels[0], "Purchase", ""),
            ]);
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
        var (tenantId, _) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput(domain, null, "DROP")), Endpoint);

        Assert.Equal(("input.domain must be a bare host name such as example.com: no scheme, path, port or "
            + "spaces, at most 253 characters.", "BAD_REQUEST", 400), ErrorOf(response));
        Assert.Empty(await app.DomainFilterRowsAsync(tenantId));
    }

    [Fact]
    public async Task UpdateDomainFilter_Mixed_ReturnsBadRequest()
    {
        var (tenantId, _) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", null, "MIXED")), Endpoint);

        Assert.Equal(("input.filterState must be PUBLISH or DROP; MIXED only describes an account whose pixels "
            + "differ.", "BAD_REQUEST", 400), ErrorOf(response));
        Assert.Empty(await app.DomainFilterRowsAsync(tenantId));
    }

    [Fact]
    public async Task DeleteDataSource_PixelWithFilters_RemovesItsOwnFiltersAndKeepsTheAccounts()
    {
        var (tenantId, pixels) = await app.AddAccountWithPixelsAsync(1);
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", null, "DROP")), Endpoint);
        await client.PostGraphQLAsync(UpdateEventFilter,
            Variables(tenantId, EventInput("Purchase", $"[\"{pixels[0]}\"]", "PUBLISH")), Endpoint);
        await client.PostGraphQLAsync(UpdateDomainFilter,
            Variables(tenantId, DomainInput("example.com", $"[\"{pixels[0]}\"]", "DROP")), Endpoint);

        await client.PostGraphQLAsync(Delete, IdVariables(tenantId, pixels[0]), Endpoint);

        Assert.Equal([":Drop"], await app.EventFilterRowsAsync(tenantId, "Purchase"));
        Assert.Empty(await app.DomainFilterRowsAsync(tenantId));
    }
}
