namespace Gatehouse.Events;

/// <summary>
/// Decides what happens to an event under an account's event and domain filters. The control plane shows
/// filters with these rules and the data plane applies them, so both always agree:
/// <list type="bullet">
/// <item>A filter for the event's pixel wins over the account-wide filter (<c>PixelId</c> empty).</item>
/// <item>Event names match exactly, in letter case too, as the Conversions API treats them.</item>
/// <item>A domain filter matches its host and every subdomain of it; the closest domain wins, and at the
/// same domain the pixel's filter wins over the account-wide one.</item>
/// <item>No matching filter means <see cref="FilterState.Publish"/>.</item>
/// </list>
/// </summary>
public static class FilterRules
{
    /// <summary>What the event filters of an account say about <paramref name="eventName"/> on a pixel.</summary>
    public static FilterState Decide(IReadOnlyList<EventFilter> accountFilters, string pixelId, string eventName)
    {
        ArgumentNullException.ThrowIfNull(accountFilters);
        EventFilter? accountWide = null;
        foreach (var filter in accountFilters)
        {
            if (!string.Equals(filter.EventName, eventName, StringComparison.Ordinal))
            {
                continue;
            }

            if (string.Equals(filter.PixelId, pixelId, StringComparison.Ordinal))
            {
                return filter.State;
            }

            if (filter.PixelId.Length == 0)
            {
                accountWide = filter;
            }
        }

        return accountWide?.State ?? FilterState.Publish;
    }

    /// <summary>
    /// What the domain filters of an account say about events of a pixel sent from <paramref name="site"/>
    /// (the page's host); an empty site matches no filter.
    /// </summary>
    public static FilterState Decide(IReadOnlyList<DomainFilter> accountFilters, string pixelId, string site)
    {
        ArgumentNullException.ThrowIfNull(accountFilters);
        DomainFilter? best = null;
        foreach (var filter in accountFilters)
        {
            var applies = filter.PixelId.Length == 0
                || string.Equals(filter.PixelId, pixelId, StringComparison.Ordinal);
            if (!applies || site.Length == 0 || !DomainNames.IsWithin(site, filter.Domain))
            {
                continue;
            }

            if (best is null || IsCloser(filter, best))
            {
                best = filter;
            }
        }

        return best?.State ?? FilterState.Publish;
    }

    /// <summary>Whether an event is published: neither its event name nor its site is dropped for its pixel.</summary>
    public static bool IsPublished(
        IReadOnlyList<EventFilter> eventFilters,
        IReadOnlyList<DomainFilter> domainFilters,
        string pixelId,
        string eventName,
        string site) =>
        Decide(eventFilters, pixelId, eventName) == FilterState.Publish
        && Decide(domainFilters, pixelId, site) == FilterState.Publish;

    private static bool IsCloser(DomainFilter candidate, DomainFilter best) =>
        candidate.Domain.Length != best.Domain.Length
            ? candidate.Domain.Length > best.Domain.Length
            : candidate.PixelId.Length > 0 && best.PixelId.Length == 0;
}
