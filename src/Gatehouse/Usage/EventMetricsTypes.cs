using System.Globalization;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Pixels;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Usage;

/// <summary>The <c>eventMetrics(pixelIds:, timeWindowMin:)</c> field of <c>tenantQueries</c>.</summary>
public static class EventMetricsQuery
{
    public static void AddTo(ObjectGraphType<Tenant> queries)
    {
        queries.Field<NonNullGraphType<EventMetricsSnapshotType>>("eventMetrics")
            .Description("Events received and published by the account's pixels, by event name and by website.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("pixelIds",
                "The pixels to count; null for every pixel of the account.")
            .Argument<IntGraphType>("timeWindowMin", "Minutes of traffic to count; 60 when not given.")
            .ResolveAsync(async context => await ResolveAsync(context));
    }

    private static async Task<EventMetrics> ResolveAsync(IResolveFieldContext<Tenant> context)
    {
        var minutes = PixelConnections.WindowMinutes(context.GetArgument<int?>("timeWindowMin"));
        var db = context.GetService<GatehouseDbContext>();
        var pixelIds = PixelIds.ValidList("pixelIds", context.GetArgument<string[]?>("pixelIds"));
        if (pixelIds is not null)
        {
            var known = await db.Pixels.AsNoTracking()
                .Where(p => p.TenantId == context.Source.Id && pixelIds.Contains(p.Id))
                .Select(p => p.Id)
                .ToListAsync(context.CancellationToken);
            var unknown = pixelIds.FirstOrDefault(id => !known.Contains(id));
            if (unknown is not null)
            {
                throw PixelErrors.NotFound(unknown);
            }
        }

        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        return new EventMetrics(db, context.Source.Id, pixelIds, now.AddMinutes(-minutes));
    }
}

public sealed class EventMetricsSnapshotType : ObjectGraphType<EventMetrics>
{
    public EventMetricsSnapshotType()
    {
        Name = "EventMetricsSnapshot";
        Description = "Traffic of an account's pixels in a time window, computed when read.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier of the snapshot: EventMetricsSnapshot:<account id>.")
            .Resolve(context => "EventMetricsSnapshot:" + context.Source.TenantId);
        Field<NonNullGraphType<EventTrafficSummaryType>>("incoming")
            .Description("Events the gateway received.")
            .ResolveAsync(async context => await context.Source.ByNameAsync(context.CancellationToken));
        Field<NonNullGraphType<ConversionsApiPublishSummaryType>>("outgoing")
            .Description("Events the gateway published to the Conversions API.")
            .ResolveAsync(async context => await context.Source.ByNameAsync(context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventActivityType>>>>("activity")
            .Description("Each event name with events received or published, by name.")
            .ResolveAsync(async context => await context.Source.ByNameAsync(context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DomainActivityType>>>>("domainActivity")
            .Description("Each website that sent events, by host.")
            .ResolveAsync(async context => await context.Source.BySiteAsync(context.CancellationToken));
    }

    /// <summary>GraphQL's Int is 32 bits; a larger count is shown as the largest Int rather than failing.</summary>
    public static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);
}

public sealed class EventTrafficSummaryType : ObjectGraphType<List<EventNameTraffic>>
{
    public EventTrafficSummaryType()
    {
        Name = "EventTrafficSummary";
        Description = "Events received in the time window.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Always EventTrafficSummary:incoming.")
            .Resolve(_ => "EventTrafficSummary:incoming");
        Field<NonNullGraphType<IntGraphType>>("eventNamesCount")
            .Description("Number of distinct event names received.")
            .Resolve(context => context.Source.Count(n => n.Received > 0));
        Field<NonNullGraphType<IntGraphType>>("eventsCount")
            .Description("Number of events received.")
            .Resolve(context => EventMetricsSnapshotType.Clamp(context.Source.Sum(n => n.Received)));
    }
}

public sealed class ConversionsApiPublishSummaryType : ObjectGraphType<List<EventNameTraffic>>
{
    public ConversionsApiPublishSummaryType()
    {
        Name = "ConversionsApiPublishSummary";
        Description = "Events published to the Conversions API in the time window.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Always ConversionsApiPublishSummary:global.")
            .Resolve(_ => "ConversionsApiPublishSummary:global");
        Field<NonNullGraphType<IntGraphType>>("eventNamesCount")
            .Description("Number of distinct event names published.")
            .Resolve(context => context.Source.Count(n => n.Published > 0));
        Field<NonNullGraphType<IntGraphType>>("eventsCount")
            .Description("Number of events the Conversions API accepted.")
            .Resolve(context => EventMetricsSnapshotType.Clamp(context.Source.Sum(n => n.Published)));
        Field<NonNullGraphType<FloatGraphType>>("publishSuccessRate")
            .Description("Published events over publish attempts (published plus refused for good), from 0 to 1; "
                + "0 when nothing was attempted. Dropped events were not attempted.")
            .Resolve(context => SuccessRate(context.Source));
    }

    private static double SuccessRate(List<EventNameTraffic> names)
    {
        var published = names.Sum(n => n.Published);
        var attempted = published + names.Sum(n => n.Failed);
        return attempted == 0 ? 0.0 : (double)published / attempted;
    }
}

public sealed class EventActivityType : ObjectGraphType<EventNameTraffic>
{
    public EventActivityType()
    {
        Name = "EventActivity";
        Description = "Traffic of one event name in the time window.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier: EventActivity:<event name>.")
            .Resolve(context => "EventActivity:" + context.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("The event name.")
            .Resolve(context => context.Source.Name);
        Field<NonNullGraphType<IntGraphType>>("receivedCount")
            .Description("Events of this name received.")
            .Resolve(context => EventMetricsSnapshotType.Clamp(context.Source.Received));
        Field<NonNullGraphType<IntGraphType>>("publishedCount")
            .Description("Events of this name the Conversions API accepted.")
            .Resolve(context => EventMetricsSnapshotType.Clamp(context.Source.Published));
        Field<NonNullGraphType<StringGraphType>>("lastUpdated")
            .Description("When an event of this name was last received or published, in Unix milliseconds.")
            .Resolve(context => PixelConnections.UnixMilliseconds(context.Source.LastUpdated)
                .ToString(CultureInfo.InvariantCulture));
    }
}

public sealed class DomainActivityType : ObjectGraphType<SiteTraffic>
{
    public DomainActivityType()
    {
        Name = "DomainActivity";
        Description = "Traffic sent from one website in the time window.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier: DomainActivity:<host>.")
            .Resolve(context => "DomainActivity:" + context.Source.Site);
        Field<NonNullGraphType<StringGraphType>>("domainName")
            .Description("The website's host.")
            .Resolve(context => context.Source.Site);
        Field<NonNullGraphType<IntGraphType>>("receivedCount")
            .Description("Events from this website received.")
            .Resolve(context => EventMetricsSnapshotType.Clamp(context.Source.Received));
        Field<NonNullGraphType<IntGraphType>>("publishedCount")
            .Description("Events from this website the Conversions API accepted.")
            .Resolve(context => EventMetricsSnapshotType.Clamp(context.Source.Published));
    }
}
