using Gatehouse.Access;
using Gatehouse.Tenants;
using Gatehouse.Users;

namespace Gatehouse.Tests.Access;

/// <summary>
/// The query filter that lists accounts in the hub says yes exactly where the per-account check does, for
/// every kind of caller and account, so the list and the account page cannot disagree.
/// </summary>
public sealed class ViewableTenantsTests
{
    private static readonly Tenant[] Tenants =
    [
        new() { Id = "managedX", Name = "X", CanPartnerManage = true },
        new() { Id = "managedY", Name = "Y", CanPartnerManage = true },
        new() { Id = "closedU1", Name = "U", CanPartnerManage = false },
        new() { Id = "closedV1", Name = "V", CanPartnerManage = false },
    ];

    [Theory]
    [InlineData("api")]
    [InlineData("agency-admin")]
    [InlineData("agency-view")]
    [InlineData("advertiser-view-managedX")]
    [InlineData("advertiser-admin-closedU1")]
    [InlineData("agency-manage advertiser-admin-closedU1")]
    [InlineData("")]
    public void ViewableTenants_EveryCallerAndAccount_AgreesWithCanViewTenant(string roles)
    {
        var caller = CallerWith(roles);

        var filter = AccessPolicy.ViewableTenants(caller).Compile();

        Assert.Equal(
            Tenants.Select(t => (t.Id, AccessPolicy.CanViewTenant(caller, t))),
            Tenants.Select(t => (t.Id, filter(t))));
    }

    private static Caller CallerWith(string roles)
    {
        if (roles == "api")
        {
            return new Caller(CallerKind.ApiAccount, Guid.NewGuid(), "partner1");
        }

        var parsed = roles.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Role.TryParse(name, out var role) ? role : throw new ArgumentException(name))
            .ToList();
        return new Caller(CallerKind.User, Guid.NewGuid(), "person@example.com")
        {
            HostRole = parsed.FirstOrDefault(r => r.TenantId is null)?.Action,
            AccountRoles = parsed.Where(r => r.TenantId is not null).ToDictionary(r => r.TenantId!, r => r.Action),
        };
    }
}
