using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Routing;

/// <summary>The data-routing query of the hub schema: <c>ingressDomain</c>.</summary>
public static class IngressDomainQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<IngressDomainType>("ingressDomain")
            .Description("Gets an account's data routing; null when no ingress domain has been set for it yet.")
            .Argument<NonNullGraphType<IdGraphType>>("tenantId",
                "Unique identifier of the account. A variable declared String! is accepted here as well, as "
                + "Meta's DataRoutingCardQuery sends it.",
                StringVariableForIdRule.Allow)
            .ResolveAsync(async context => await FindAsync(context));
    }

    private static async Task<IngressDomainView?> FindAsync(IResolveFieldContext context)
    {
        var tenant = await TenantQueries.FindManageableAsync(context, "view ingress domain");
        var db = context.GetService<GatehouseDbContext>();
        var domain = await db.IngressDomains.AsNoTracking()
            .SingleOrDefaultAsync(i => i.TenantId == tenant.Id, context.CancellationToken);
        return domain is null ? null : new IngressDomainView(domain, tenant.Name);
    }
}
