using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Routing;

/// <summary>The data-routing mutation of the hub schema: <c>upsertIngressDomain</c>, a top-level field.</summary>
public static class IngressDomainMutations
{
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<IngressDomainType>("upsertIngressDomain")
            .Description(
                "Sets an account's first-party subdomain and the gateway domain its CNAME record points at, and "
                + "checks that record at once.")
            .Argument<IdGraphType>("tenantId",
                "Unique identifier of the account. Required, although Meta's schema text leaves it out.")
            .Argument<IngressDomainInputType>("input", "The ingress and its target domain. Required.")
            .ResolveAsync(async context => await UpsertAsync(context));
    }

    private static async Task<IngressDomainView> UpsertAsync(IResolveFieldContext context)
    {
        var tenantId = context.GetArgument<string?>("tenantId");
        if (string.IsNullOrEmpty(tenantId))
        {
            throw IngressDomainErrors.TenantIdRequired();
        }

        var tenant = await TenantQueries.FindManageableAsync(
            context, tenantId, "update ingress domain", tracking: false);
        if (!AccessPolicy.CanEditTenantSettings(context.GetCaller(), tenant.Id, tenant.CanPartnerManage))
        {
            throw IngressDomainErrors.NotAuthorizedToUpdate();
        }

        var (ingress, target) = ValidInput(context.GetArgument<IngressDomainInput?>("input"));
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        if (await IsTakenAsync(db, tenant.Id, ingress, ct))
        {
            throw IngressDomainErrors.IngressTaken(ingress);
        }

        // The check runs before anything is stored and is bounded by its own timeout.
        var verified = await context.GetService<CnameCheck>().PointsAtTargetAsync(tenant.Id, ingress, target, ct);
        var domain = await StoreAsync(db, tenant.Id, ingress, target, verified, context);

        var logger = context.GetService<ILoggerFactory>().CreateLogger(typeof(IngressDomainMutations));
        RoutingLog.Set(logger, tenant.Id, context.GetCaller().Name, verified);
        return new IngressDomainView(domain, tenant.Name);
    }

    private static (string Ingress, string Target) ValidInput(IngressDomainInput? input)
    {
        if (input is null)
        {
            throw IngressDomainErrors.InputRequired();
        }

        var ingress = HostNames.Normalize(input.Ingress) ?? throw IngressDomainErrors.InvalidHost("input.ingress");
        var target = HostNames.Normalize(input.TargetDomain)
            ?? throw IngressDomainErrors.InvalidHost("input.targetDomain");
        return ingress == target ? throw IngressDomainErrors.SameHost() : (ingress, target);
    }

    private static Task<bool> IsTakenAsync(
        GatehouseDbContext db,
        string tenantId,
        string ingress,
        CancellationToken ct) =>
        db.IngressDomains.AnyAsync(i => i.Ingress == ingress && i.TenantId != tenantId, ct);

    private static async Task<IngressDomain> StoreAsync(
        GatehouseDbContext db,
        string tenantId,
        string ingress,
        string target,
        bool verified,
        IResolveFieldContext context)
    {
        var ct = context.CancellationToken;
        var domain = await db.IngressDomains.SingleOrDefaultAsync(i => i.TenantId == tenantId, ct);
        if (domain is null)
        {
            domain = new IngressDomain { TenantId = tenantId, Ingress = ingress, TargetDomain = target };
            db.IngressDomains.Add(domain);
        }

        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        domain.Ingress = ingress;
        domain.TargetDomain = target;
        domain.CnameResolveSuccess = verified;
        domain.CheckedAt = now;
        domain.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request took the same ingress, or set this account's, between the checks and this save.
            throw await IsTakenAsync(db, tenantId, ingress, ct)
                ? IngressDomainErrors.IngressTaken(ingress)
                : IngressDomainErrors.ChangedConcurrently();
        }

        return domain;
    }
}
