using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;

namespace Gatehouse.Pixels;

/// <summary>The <c>tenantQueries(tenantId:)</c> group: reads scoped to one account the caller may see.</summary>
public sealed class PixelTenantQueriesType : ObjectGraphType<Tenant>
{
    public PixelTenantQueriesType()
    {
        Name = "TenantQueries";
        Description = "Reads of one advertiser account's pixels.";

        Field<NonNullGraphType<PixelAccountType>>("account")
            .Description("The account with its pixel connections.")
            .Argument<IntGraphType>("timeWindowMin", "Minutes of traffic to count; 60 when not given.")
            .Resolve(context =>
            {
                var minutes = context.GetArgument<int?>("timeWindowMin") ?? PixelConnections.DefaultWindowMinutes;
                return minutes is < 1 or > PixelConnections.MaxWindowMinutes
                    ? throw PixelErrors.TimeWindowInvalid(minutes)
                    : new PixelAccount(context.Source, minutes);
            });
    }
}

/// <summary>The <c>tenantMutations(tenantId:)</c> group: changes scoped to one account the caller may see.</summary>
public sealed class PixelTenantMutationsType : ObjectGraphType<Tenant>
{
    public PixelTenantMutationsType()
    {
        Name = "TenantMutations";
        Description = "Changes to one advertiser account's data sources.";

        Field<NonNullGraphType<SignalMutations>>("signalMutations")
            .Description("Mutations of the account's Meta Pixel connections.")
            .Resolve(context => context.Source);
    }
}
