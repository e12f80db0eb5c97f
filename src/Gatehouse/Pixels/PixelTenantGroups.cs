using Gatehouse.Events;
using Gatehouse.Tenants;
using Gatehouse.Usage;
using GraphQL;
using GraphQL.Types;

namespace Gatehouse.Pixels;

/// <summary>The <c>tenantQueries(tenantId:)</c> group: reads scoped to one account the caller may see.</summary>
public sealed class PixelTenantQueriesType : ObjectGraphType<Tenant>
{
    public PixelTenantQueriesType()
    {
        Name = "TenantQueries";
        Description = "Reads of one advertiser account's pixels and event metrics.";

        Field<NonNullGraphType<PixelAccountType>>("account")
            .Description("The account with its pixel connections.")
            .Argument<IntGraphType>("timeWindowMin", "Minutes of traffic to count; 60 when not given.")
            .Resolve(context => new PixelAccount(
                context.Source, PixelConnections.WindowMinutes(context.GetArgument<int?>("timeWindowMin"))));
        EventMetricsQuery.AddTo(this);
    }
}

/// <summary>The <c>tenantMutations(tenantId:)</c> group: changes scoped to one account the caller may see.</summary>
public sealed class PixelTenantMutationsType : ObjectGraphType<Tenant>
{
    public PixelTenantMutationsType()
    {
        Name = "TenantMutations";
        Description = "Changes to one advertiser account's data sources and filters.";

        Field<NonNullGraphType<SignalMutations>>("signalMutations")
            .Description("Mutations of the account's Meta Pixel connections.")
            .Resolve(context => context.Source);
        FilterMutations.AddTo(this);
    }
}
