namespace Gatehouse.Events;

/// <summary>Whether the account's event and domain filters let an event of one pixel be published.</summary>
public static class FilterRules
{
    /// <summary>A filter of the pixel itself wins over one for all pixels; no filter means publish.</summary>
    public static FilterState ForEvent(IEnumerable<EventFilter> filters, string pixelId, string eventName)
    {
        var matching = filters.Where(f => f.EventName == eventName).ToList();
        var chosen = matching.FirstOrDefault(f => f.PixelId == pixelId)
            ?? matching.FirstOrDefault(f => f.PixelId == EventFilter.AllPixels);
        return chosen?.State ?? FilterState.Publish;
    }

    /// <summary>
    /// A filter on a domain covers its subdomains; the longest matching domain wins, and for one domain a filter
    /// of the pixel itself wins over one for all pixels. Events that name no site are never blocked.
    /// </summary>
    public static FilterState ForSite(IEnumerable<DomainFilter> filters, string pixelId, string site)
    {
        if (site.Length == 0)
        {
            return FilterState.Publish;
        }

        var chosen = filters
            .Where(f => site == f.Domain || site.EndsWith("." + f.Domain, StringComparison.Ordinal))
            .OrderByDescending(f => f.Domain.Length)
            .ThenByDescending(f => f.PixelId == pixelId)
            .FirstOrDefault();
        return chosen?.State ?? FilterState.Publish;
    }
}
