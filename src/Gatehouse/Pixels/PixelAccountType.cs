using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL.Types;

namespace Gatehouse.Pixels;

/// <summary>An account read through <c>tenantQueries</c>, with the time window its traffic is counted in.</summary>
public sealed record PixelAccount(Tenant Tenant, int WindowMinutes);

public sealed class PixelAccountType : ObjectGraphType<PixelAccount>
{
    public PixelAccountType()
    {
        Name = "Account";
        Description = "An advertiser account with its Meta Pixel connections.";

        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("Name of the account.")
            .Resolve(context => context.Source.Tenant.Name);
        Field<NonNullGraphType<IntGraphType>>("status")
            .Description("Status of the account: 0 Active, 1 Pending Configuration, 2 Deactivated.")
            .Resolve(context => (int)context.Source.Tenant.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SignalConfigType>>>>("signalConfigs")
            .Description("The account's connected pixels, by pixel ID, with traffic in the time window.")
            .ResolveAsync(async context => await PixelConnections.ListAsync(
                context.GetService<GatehouseDbContext>(),
                context.Source.Tenant.Id,
                null,
                context.GetService<TimeProvider>().GetUtcNow().UtcDateTime,
                context.Source.WindowMinutes,
                context.CancellationToken));
    }
}
