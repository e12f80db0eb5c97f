using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.Tenants;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Hub;

/// <summary>
/// The accounts a hub user can open: every account the partner manages for someone with a host role, and the
/// accounts where the user holds a role. The API documents no list of accounts, so this is the hub's own.
/// </summary>
public sealed class AccountDirectory(GatehouseDbContext db, UsageCalculator usage)
{
    public async Task<List<AccountSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking()
            .Where(AccessPolicy.ViewableTenants(caller))
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);

        var pending = tenants.Select(t => usage.ByTenant.Load(t.Id)).ToList();
        var summaries = new List<AccountSummary>(tenants.Count);
        for (var i = 0; i < tenants.Count; i++)
        {
            var tenant = tenants[i];
            summaries.Add(new AccountSummary(
                tenant,
                AccessPolicy.ActionOn(caller, tenant.Id, tenant.CanPartnerManage),
                await pending[i].GetResultAsync(cancellationToken)));
        }

        return summaries;
    }
}

public sealed record AccountSummary(Tenant Tenant, Users.RoleAction? Access, TenantUsage Usage);
