using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Usage;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tenants;

/// <summary>The account queries of the hub schema: <c>tenant</c> and <c>tenantUsage</c>.</summary>
public static class TenantQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<TenantType>("tenant")
            .Description("Gets the advertiser account with the given unique identifier.")
            .Argument<NonNullGraphType<StringGraphType>>("tenantId",
                "Unique identifier of the account to be fetched.")
            .ResolveAsync(async context => await FindManageableAsync(context, "view account"));

        query.Field<TenantUsageType>("tenantUsage")
            .Description(
                "Gets an account's usage: active and inactive pixels, pipelines and traffic in the usage window.")
            .Argument<NonNullGraphType<StringGraphType>>("tenantId", "Unique identifier of the account.")
            .ResolveAsync(async context =>
            {
                var tenant = await FindManageableAsync(context, "view account usage");
                return context.GetService<UsageCalculator>().ByTenant.Load(tenant.Id);
            });
    }

    // Nearly every operation starts with this lookup, so it is compiled once rather than translated on each call.
    private static readonly Func<GatehouseDbContext, string, Task<Tenant?>> FindReadOnlyAsync =
        EF.CompileAsyncQuery((GatehouseDbContext db, string id) =>
            db.Tenants.AsNoTracking().SingleOrDefault(t => t.Id == id));

    private static readonly Func<GatehouseDbContext, string, Task<Tenant?>> FindTrackedAsync =
        EF.CompileAsyncQuery((GatehouseDbContext db, string id) => db.Tenants.SingleOrDefault(t => t.Id == id));

    /// <summary>
    /// Loads the account named by the <c>tenantId</c> argument for a caller who may manage it. An unknown id
    /// and an account closed to the caller get the same error, so the answer reveals nothing.
    /// </summary>
    public static async Task<Tenant> FindManageableAsync(IResolveFieldContext context, string action) =>
        await FindManageableAsync(context, context.GetArgument<string>("tenantId"), action, tracking: false);

    public static async Task<Tenant> FindManageableAsync(
        IResolveFieldContext context,
        string tenantId,
        string action,
        bool tracking)
    {
        var db = context.GetService<GatehouseDbContext>();
        context.CancellationToken.ThrowIfCancellationRequested();
        var tenant = tracking ? await FindTrackedAsync(db, tenantId) : await FindReadOnlyAsync(db, tenantId);
        if (tenant is null || !AccessPolicy.CanViewTenant(context.GetCaller(), tenant))
        {
            throw TenantErrors.NotAuthorized(action);
        }

        return tenant;
    }
}
