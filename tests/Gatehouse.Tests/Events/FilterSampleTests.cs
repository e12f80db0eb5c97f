using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Events.FilterSamples;

namespace Gatehouse.Tests.Events;

/// <summary>The two filter operations of the Pixel Management reference, sent exactly as documented.</summary>
public sealed class FilterSampleTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task EventFilterSample_OnePixel_ReturnsAndStoresThePixelsFilter()
    {
        var tenantId = await NewAccountWithSamplePixelAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateEventFilter, Variables(tenantId,
            """{"eventName":"AddToCart","pixelIds":["18904456377094531"],"filterState":"PUBLISH"}"""),
            PixelSamples.Endpoint);

        response.ShouldBe("""
            {"data":{"tenantMutations":{"updateEventFilter":{"updatedFilter":{
              "id":"EventFilter:AddToCart:18904456377094531","eventName":"AddToCart",
              "pixelId":"18904456377094531","filterState":"PUBLISH"} } } } }
            """);
        var stored = await StoredAsync(db => db.EventFilters.Where(f => f.TenantId == tenantId)
            .Select(f => $"{f.EventName}:{f.PixelId}:{f.State}"));
        Assert.Equal(["AddToCart:18904456377094531:Publish"], stored);
    }

    [Fact]
    public async Task DomainFilterSample_NoPixelIds_ReturnsAndStoresTheAccountsFilter()
    {
        var tenantId = await NewAccountWithSamplePixelAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpdateDomainFilter, Variables(tenantId,
            """{"domain":"example.com","filterState":"DROP"}"""), PixelSamples.Endpoint);

        response.ShouldBe("""
            {"data":{"tenantMutations":{"updateDomainFilter":{"updatedFilter":{
              "id":"DomainFilter:example.com:global","domain":"example.com","pixelId":null,"filterState":"DROP"} } } } }
            """);
        var stored = await StoredAsync(db => db.DomainFilters.Where(f => f.TenantId == tenantId)
            .Select(f => $"{f.Domain}:{f.PixelId}:{f.State}"));
        Assert.Equal(["example.com::Drop"], stored);
    }

    private async Task<string> NewAccountWithSamplePixelAsync()
    {
        await app.WithDbAsync(db => db.Pixels.Where(p => p.Id == PixelSamples.PixelId).ExecuteDeleteAsync());
        var tenantId = await app.AddTenantAsync();
        using var client = await app.CreateApiClientAsync();
        await client.PostGraphQLAsync(PixelSamples.Create, PixelSamples.CreateVariables(tenantId),
            PixelSamples.Endpoint);
        return tenantId;
    }

    private async Task<List<string>> StoredAsync(Func<Gatehouse.Data.GatehouseDbContext, IQueryable<string>> query)
    {
        List<string> rows = [];
        await app.WithDbAsync(async db => rows = await query(db).ToListAsync());
        return rows;
    }
}
