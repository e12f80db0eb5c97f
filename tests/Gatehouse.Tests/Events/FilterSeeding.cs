using Gatehouse.Events;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Events;

/// <summary>Accounts with pixels to filter, and the filter rows they end up with.</summary>
public static class FilterSeeding
{
    /// <summary>A new account with <paramref name="pixelCount"/> pixels.</summary>
    public static async Task<(string TenantId, string[] Pixels)> AddAccountWithPixelsAsync(
        this GatehouseApplication app,
        int pixelCount)
    {
        var tenantId = await app.AddTenantAsync();
        var pixels = AccountSeeding.NewPixelIds(pixelCount);
        await app.AddPixelsAsync(tenantId, [.. pixels.Select(p => (p, true))]);
        return (tenantId, pixels);
    }

    /// <summary>The filters of one event name as pixel:state (no pixel: account-wide), in ordinal order.</summary>
    public static async Task<List<string>> EventFilterRowsAsync(
        this GatehouseApplication app,
        string tenantId,
        string eventName)
    {
        List<(string PixelId, FilterState State)> rows = [];
        await app.WithDbAsync(async db => rows = [.. (await db.EventFilters.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.EventName == eventName).ToListAsync())
            .Select(f => (f.PixelId, f.State))]);
        return [.. rows.Select(r => $"{r.PixelId}:{r.State}").Order(StringComparer.Ordinal)];
    }

    /// <summary>The account's domain filters as domain:pixel:state, in ordinal order.</summary>
    public static async Task<List<string>> DomainFilterRowsAsync(this GatehouseApplication app, string tenantId)
    {
        List<string> rows = [];
        await app.WithDbAsync(async db => rows = [.. (await db.DomainFilters.AsNoTracking()
            .Where(f => f.TenantId == tenantId).ToListAsync())
            .Select(f => $"{f.Domain}:{f.PixelId}:{f.State}")]);
        return [.. rows.Order(StringComparer.Ordinal)];
    }
}
