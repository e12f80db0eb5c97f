using System.Collections.Concurrent;
using Gatehouse.Data;
using Gatehouse.Pixels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Events;

/// <summary>What the intake needs to know of one pixel to take or refuse its events.</summary>
public sealed record IntakePixel(
    string PixelId,
    string TenantId,
    bool IsActive,
    bool IsPublishing,
    bool Enrich,
    string? AccessToken,
    AccountFilters Filters)
{
    /// <summary>Whether an event is to be published: the publishing switch, then the account's filters.</summary>
    public bool Publishes(string eventName, string site) =>
        IsPublishing && Filters.IsPublished(PixelId, eventName, site);

    /// <summary>
    /// Whether the account's domain filters let events of this pixel come from <paramref name="site"/>.
    /// </summary>
    public bool Permits(string site) => FilterRules.Decide(Filters.Domains, PixelId, site) == FilterState.Publish;
}

/// <summary>
/// Reads pixels for the intake and keeps each for <see cref="IntakeOptions.PixelCacheDuration"/>, so that a
/// busy pixel costs one database read every few seconds instead of one per request. Unknown pixel ids are
/// kept too, so a flood of them does not reach the database either.
/// </summary>
// Limitation: a change to a pixel's switches, token or filters reaches this cache within PixelCacheDuration,
// so events that arrive in between are still taken or refused by the old settings; the publisher checks the
// switch and the filters again, but an event the old settings dropped is gone.
public sealed class IntakePixels(
    IServiceScopeFactory scopes,
    PixelTokens tokens,
    TimeProvider clock,
    IOptions<IntakeOptions> options)
{
    // Beyond this many entries the cache starts afresh rather than grow with every id a sender makes up.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<IntakePixel?> FindAsync(string pixelId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_entries.TryGetValue(pixelId, out var entry) && entry.Until > now)
        {
            return entry.Pixel;
        }

        var pixel = await ReadAsync(pixelId, ct);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[pixelId] = new Entry(pixel, now + options.Value.PixelCacheDuration);
        return pixel;
    }

    private async Task<IntakePixel?> ReadAsync(string pixelId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        var found = await db.Pixels.AsNoTracking()
            .Where(p => p.Id == pixelId)
            .Join(db.Tenants, p => p.TenantId, t => t.Id, (p, t) => new
            {
                p.TenantId,
                p.IsActive,
                p.IsPublishing,
                t.EventEnrichment,
                p.ProtectedAccessToken,
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var filters = await AccountFilters.LoadAsync(db, found.TenantId, ct);
        var token = tokens.Read(pixelId, found.ProtectedAccessToken);
        return new IntakePixel(pixelId, found.TenantId, found.IsActive, found.IsPublishing, found.EventEnrichment,
            token, filters);
    }

    private sealed record Entry(IntakePixel? Pixel, DateTime Until);
}
