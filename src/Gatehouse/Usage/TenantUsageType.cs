using GraphQL.Types;

namespace Gatehouse.Usage;

public sealed class TenantUsageType : ObjectGraphType<TenantUsage>
{
    public TenantUsageType()
    {
        Name = "TenantUsage";
        Description = "What an account uses: pixels, Signals Gateway pipelines and traffic, for billing.";

        Field<NonNullGraphType<IntGraphType>>("totalPixels")
            .Description("Number of pixels in the account.")
            .Resolve(context => context.Source.TotalPixels);
        Field<NonNullGraphType<IntGraphType>>("totalActivePixels")
            .Description("Number of pixels whose events the gateway receives.")
            .Resolve(context => context.Source.ActivePixels);
        Field<NonNullGraphType<IntGraphType>>("totalInactivePixels")
            .Description("Number of pixels whose events the gateway does not receive.")
            .Resolve(context => context.Source.InactivePixels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("pixelIds")
            .Description("IDs of the pixels in the account.")
            .Resolve(context => context.Source.PixelIds);
        Field<NonNullGraphType<IntGraphType>>("totalPipelines")
            .Description("Number of Signals Gateway pipelines in the account.")
            .Resolve(context => context.Source.TotalPipelines);
        Field<NonNullGraphType<IntGraphType>>("totalActivePipeline")
            .Description("Number of active Signals Gateway pipelines in the account.")
            .Resolve(context => context.Source.ActivePipelines);
        Field<NonNullGraphType<TenantUsageByTrafficType>>("tenantUsageByTraffic")
            .Description("Traffic of the account during the usage window.")
            .Resolve(context => context.Source.Traffic);
    }
}

public sealed class TenantUsageByTrafficType : ObjectGraphType<TrafficUsage>
{
    public TenantUsageByTrafficType()
    {
        Name = "TenantUsageByTraffic";
        Description = "Traffic of an account during a window of the last durationInHours hours.";

        Field<NonNullGraphType<LongGraphType>>("totalEventsReceived")
            .Description("Events received by the account's pixels during the window (a 64-bit number).")
            .Resolve(context => context.Source.TotalEventsReceived);
        Field<NonNullGraphType<IntGraphType>>("totalPixelsWithTraffic")
            .Description("Number of pixels that received at least one event during the window.")
            .Resolve(context => context.Source.PixelsWithTraffic);
        Field<NonNullGraphType<BooleanGraphType>>("publishError")
            .Description("Whether publishing any event to the Conversions API failed during the window.")
            .Resolve(context => context.Source.PublishError);
        Field<NonNullGraphType<IntGraphType>>("durationInHours")
            .Description("Length of the window in hours.")
            .Resolve(context => context.Source.DurationInHours);
        Field<NonNullGraphType<StringGraphType>>("lastUpdatedAt")
            .Description("When these figures were computed, in ISO 8601 UTC (for example 2025-06-18T09:30:00Z).")
            .Resolve(context => context.Source.ComputedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", null));
    }
}
