using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Pixels;
using Gatehouse.Tenants;
using Gatehouse.Usage;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Events;

/// <summary>
/// <c>updateEventFilter</c> and <c>updateDomainFilter</c>: publish or drop events by name or by website. A
/// filter for the whole account (<c>pixelIds</c> null) replaces the pixels' own filters of that name or
/// domain; a filter for pixels adds or replaces theirs and leaves the account's filter in place.
/// </summary>
public static class FilterMutations
{
    private const string Global = "global";

    public static void AddTo(ObjectGraphType<Tenant> mutations)
    {
        mutations.Field<NonNullGraphType<UpdateEventFilterResultType>>("updateEventFilter")
            .Description("Publishes or drops the events of one name, for some of the account's pixels or all.")
            .Argument<NonNullGraphType<UpdateEventFilterInputType>>("input", "The event name, pixels and state.")
            .ResolveAsync(async context => await UpdateEventFilterAsync(context));
        mutations.Field<NonNullGraphType<UpdateDomainFilterResultType>>("updateDomainFilter")
            .Description("Blocks or unblocks the events sent from a website, for some of the account's pixels or all.")
            .Argument<NonNullGraphType<UpdateDomainFilterInputType>>("input", "The website, pixels and state.")
            .ResolveAsync(async context => await UpdateDomainFilterAsync(context));
    }

    private static async Task<FilterView> UpdateEventFilterAsync(IResolveFieldContext<Tenant> context)
    {
        var tenant = SignalMutations.Editable(context, "change the account's filters");
        var input = context.GetArgument<UpdateEventFilterInput>("input");
        var name = input.EventName?.Trim() ?? "";
        if (name.Length is 0 or > TrafficBucket.MaxEventNameLength)
        {
            throw PixelErrors.Required("input.eventName", TrafficBucket.MaxEventNameLength);
        }

        var (state, pixelIds) = (Settable(input.FilterState), PixelIds.ValidList("input.pixelIds", input.PixelIds));
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        var accountPixels = await AccountPixelsAsync(db, tenant.Id, pixelIds, ct);

        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        var filters = await db.EventFilters.Where(f => f.TenantId == tenant.Id && f.EventName == name).ToListAsync(ct);
        foreach (var stale in filters.Where(f => pixelIds is null && f.PixelId != EventFilter.AllPixels).ToList())
        {
            db.EventFilters.Remove(stale);
            filters.Remove(stale);
        }

        foreach (var pixelId in pixelIds ?? [EventFilter.AllPixels])
        {
            var filter = filters.Find(f => f.PixelId == pixelId);
            if (filter is null)
            {
                filter = new EventFilter { TenantId = tenant.Id, EventName = name, PixelId = pixelId };
                db.EventFilters.Add(filter);
                filters.Add(filter);
            }

            (filter.State, filter.UpdatedAt) = (state, now);
        }

        await SaveAsync(db, ct);
        var view = View("EventFilter", name, pixelIds,
            accountPixels.Select(pixel => FilterRules.Decide(filters, pixel, name)), state);
        Log(context, view, tenant, state, pixelIds);
        return view;
    }

    private static async Task<FilterView> UpdateDomainFilterAsync(IResolveFieldContext<Tenant> context)
    {
        var tenant = SignalMutations.Editable(context, "change the account's filters");
        var input = context.GetArgument<UpdateDomainFilterInput>("input");
        var domain = DomainNames.Normalize(input.Domain) ?? throw FilterErrors.DomainInvalid();
        var (state, pixelIds) = (Settable(input.FilterState), PixelIds.ValidList("input.pixelIds", input.PixelIds));
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        var accountPixels = await AccountPixelsAsync(db, tenant.Id, pixelIds, ct);

        // The filters of parent domains decide the account's state too, so they are read with this domain's.
        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        var covering = Enumerable.Range(0, domain.Length)
            .Where(i => i == 0 || domain[i - 1] == '.')
            .Select(i => domain[i..])
            .ToList();
        var filters = await db.DomainFilters.Where(f => f.TenantId == tenant.Id && covering.Contains(f.Domain))
            .ToListAsync(ct);
        var stale = filters.Where(f => pixelIds is null && f.Domain == domain && f.PixelId != DomainFilter.AllPixels);
        foreach (var filter in stale.ToList())
        {
            db.DomainFilters.Remove(filter);
            filters.Remove(filter);
        }

        foreach (var pixelId in pixelIds ?? [DomainFilter.AllPixels])
        {
            var filter = filters.Find(f => f.Domain == domain && f.PixelId == pixelId);
            if (filter is null)
            {
                filter = new DomainFilter { TenantId = tenant.Id, Domain = domain, PixelId = pixelId };
                db.DomainFilters.Add(filter);
                filters.Add(filter);
            }

            (filter.State, filter.UpdatedAt) = (state, now);
        }

        await SaveAsync(db, ct);
        var view = View("DomainFilter", domain, pixelIds,
            accountPixels.Select(pixel => FilterRules.Decide(filters, pixel, domain)), state);
        Log(context, view, tenant, state, pixelIds);
        return view;
    }

    private static FilterState Settable(ApiFilterState state) => state switch
    {
        ApiFilterState.Publish => FilterState.Publish,
        ApiFilterState.Drop => FilterState.Drop,
        _ => throw FilterErrors.MixedNotSettable(),
    };

    /// <summary>The account's pixels, once every named pixel is known to be one of them.</summary>
    private static async Task<List<string>> AccountPixelsAsync(
        GatehouseDbContext db,
        string tenantId,
        List<string>? named,
        CancellationToken ct)
    {
        var pixels = await db.Pixels.AsNoTracking().Where(p => p.TenantId == tenantId).Select(p => p.Id)
            .ToListAsync(ct);
        var unknown = named?.FirstOrDefault(id => !pixels.Contains(id));
        return unknown is null ? pixels : throw PixelErrors.NotFound(unknown);
    }

    private static async Task SaveAsync(GatehouseDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request added the same filter between the read and this insert.
            throw FilterErrors.ChangedConcurrently();
        }
    }

    /// <summary>
    /// One named pixel: its own filter. Otherwise the account's filter as a whole, whose state is what every
    /// pixel of the account now does with these events, or MIXED when they differ.
    /// </summary>
    private static FilterView View(
        string type,
        string subject,
        List<string>? pixelIds,
        IEnumerable<FilterState> accountStates,
        FilterState set)
    {
        if (pixelIds is [var pixelId])
        {
            return new FilterView($"{type}:{subject}:{pixelId}", subject, pixelId, Shown(set));
        }

        var states = accountStates.Distinct().ToList();
        var shown = states.Count switch
        {
            0 => Shown(set),
            1 => Shown(states[0]),
            _ => ApiFilterState.Mixed,
        };
        return new FilterView($"{type}:{subject}:{Global}", subject, null, shown);
    }

    private static ApiFilterState Shown(FilterState state) =>
        state == FilterState.Drop ? ApiFilterState.Drop : ApiFilterState.Publish;

    private static void Log(
        IResolveFieldContext context,
        FilterView view,
        Tenant tenant,
        FilterState state,
        List<string>? pixelIds) =>
        FilterLog.Changed(context.GetService<ILogger<FilterView>>(), view.Id, tenant.Id, state,
            pixelIds is null ? "all" : string.Join(",", pixelIds), context.GetCaller().Name);
}
