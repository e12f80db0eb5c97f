using Gatehouse.Routing;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Routing.DataRoutingSamples;

namespace Gatehouse.Tests.Routing;

/// <summary>
/// The background re-check, one round at a time, on a database of its own where a round checks at most two
/// ingresses. Each test starts from an empty table, since a round looks at every account.
/// </summary>
public sealed class CnameRecheckTests(SmallRoundsApplication routing) : IClassFixture<SmallRoundsApplication>
{
    private GatehouseApplication App => routing.App;

    [Fact]
    public async Task RecheckRound_RecordCreatedAfterTheUpsert_VerifiesOnceTheCheckIsDue()
    {
        await ClearAsync();
        var tenantId = await App.AddTenantAsync(name: SampleTenantName);
        var ingress = NewIngress();
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId, ingress));
        routing.Dns.Point(ingress, SampleTarget);

        var early = await routing.RunRecheckRoundAsync();
        var beforeDue = await client.PostGraphQLAsync(Query, TenantVariables(tenantId));
        App.Clock.Advance(DataRoutingApplication.Interval);
        var due = await routing.RunRecheckRoundAsync();

        // A day later the first token has expired; a new one reads the result.
        using var later = await App.CreateApiClientAsync();
        var response = await later.PostGraphQLAsync(Query, TenantVariables(tenantId));
        Assert.Equal(0, early);
        Assert.False(beforeDue.Json["data"]!["ingressDomain"]!["cnameResolveSuccess"]!.GetValue<bool>());
        Assert.Equal(1, due);
        response.ShouldBe($$"""
            {"data":{"ingressDomain":{"id":"{{tenantId}}:ingress","ingress":"{{ingress}}",
              "tenantName":"Tenant for test@meta.com","cnameResolveSuccess":true} } }
            """);
    }

    [Fact]
    public async Task RecheckRound_ResultFlips_LogsTheAccountIdOnly()
    {
        await ClearAsync();
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        routing.Dns.Point(ingress, SampleTarget);
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId, ingress));
        routing.Dns.Remove(ingress);
        App.Clock.Advance(DataRoutingApplication.Interval);

        await routing.RunRecheckRoundAsync();

        var flip = Assert.Single(routing.Logs.Entries, e => e.EventName == "IngressCnameChanged"
            && e.Message.Contains(tenantId, StringComparison.Ordinal));
        Assert.Equal($"CNAME of the ingress domain of account {tenantId} is now verified: False", flip.Message);
        Assert.DoesNotContain(routing.Logs.Entries, e => e.Message.Contains(ingress, StringComparison.Ordinal));
        Assert.Equal(false, await VerifiedAsync(tenantId));
    }

    [Fact]
    public async Task RecheckRound_MoreDueThanARoundTakes_ChecksTheOldestFirstAndTheRestNextRound()
    {
        await ClearAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var never = await AddIngressAsync(checkedAt: null);
        var oldest = await AddIngressAsync(now.AddDays(-3));
        var older = await AddIngressAsync(now.AddDays(-2));
        var fresh = await AddIngressAsync(now.AddHours(-1));

        var first = await routing.RunRecheckRoundAsync();
        var checkedFirst = await CheckedNowAsync(now);
        var second = await routing.RunRecheckRoundAsync();
        var checkedSecond = await CheckedNowAsync(now);
        var third = await routing.RunRecheckRoundAsync();

        Assert.Equal([2, 1, 0], [first, second, third]);
        Assert.Equal(new[] { never, oldest }.Order(StringComparer.Ordinal), checkedFirst);
        Assert.Equal(new[] { never, oldest, older }.Order(StringComparer.Ordinal), checkedSecond);
        Assert.DoesNotContain(fresh, checkedSecond);
    }

    [Fact]
    public async Task RecheckRound_IngressChangedDuringTheCheck_KeepsTheNewIngressAndItsResult()
    {
        await ClearAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var tenantId = await AddIngressAsync(now.AddDays(-2));
        var old = await IngressOfAsync(tenantId);
        var replacement = NewIngress();
        routing.Dns.Point(old, SampleTarget);
        routing.Dns.DuringLookup(old, () => App.WithDbAsync(db => db.IngressDomains
            .Where(i => i.TenantId == tenantId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.Ingress, replacement)
                .SetProperty(i => i.CheckedAt, now))));

        await routing.RunRecheckRoundAsync();

        Assert.Equal(replacement, await IngressOfAsync(tenantId));
        Assert.Equal(false, await VerifiedAsync(tenantId));
    }

    [Fact]
    public async Task RecheckRound_TwoInstancesAtOnce_BothFinishWithTheSameResult()
    {
        await ClearAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var tenantId = await AddIngressAsync(now.AddDays(-2));
        routing.Dns.Point(await IngressOfAsync(tenantId), SampleTarget);

        var rounds = await Task.WhenAll(routing.RunRecheckRoundAsync(), routing.RunRecheckRoundAsync());

        Assert.All(rounds, checkedCount => Assert.InRange(checkedCount, 0, 1));
        Assert.Equal(true, await VerifiedAsync(tenantId));
    }

    private Task ClearAsync() => App.WithDbAsync(db => db.IngressDomains.ExecuteDeleteAsync());

    private async Task<string> AddIngressAsync(DateTime? checkedAt)
    {
        var tenantId = await App.AddTenantAsync();
        await App.WithDbAsync(async db =>
        {
            db.IngressDomains.Add(new IngressDomain
            {
                TenantId = tenantId,
                Ingress = NewIngress(),
                TargetDomain = SampleTarget,
                CheckedAt = checkedAt,
                UpdatedAt = checkedAt ?? App.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
        return tenantId;
    }

    /// <summary>The accounts whose ingress was checked at or after <paramref name="since"/>, in id order.</summary>
    private async Task<List<string>> CheckedNowAsync(DateTime since)
    {
        var ids = new List<string>();
        await App.WithDbAsync(async db => ids = await db.IngressDomains
            .Where(i => i.CheckedAt >= since).Select(i => i.TenantId).ToListAsync());
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private async Task<string> IngressOfAsync(string tenantId)
    {
        var ingress = "";
        await App.WithDbAsync(async db => ingress = await db.IngressDomains
            .Where(i => i.TenantId == tenantId).Select(i => i.Ingress).SingleAsync());
        return ingress;
    }

    private async Task<bool?> VerifiedAsync(string tenantId)
    {
        bool? verified = null;
        await App.WithDbAsync(async db => verified = await db.IngressDomains
            .Where(i => i.TenantId == tenantId).Select(i => (bool?)i.CnameResolveSuccess).SingleOrDefaultAsync());
        return verified;
    }
}
