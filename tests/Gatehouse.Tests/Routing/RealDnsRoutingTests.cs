using System.Globalization;
using Gatehouse.Routing;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gatehouse.Tests.Routing.DataRoutingSamples;

namespace Gatehouse.Tests.Routing;

/// <summary>The application whose <c>Routing:NameServers</c> is a <see cref="LocalDnsServer"/>.</summary>
public sealed class LocalDnsApplication : IAsyncLifetime
{
    public LocalDnsServer Dns { get; } = new();

    public GatehouseApplication App { get; } = new();

    public Task InitializeAsync()
    {
        App.Settings["Routing:NameServers:0"] = Dns.EndPoint.ToString();
        App.Settings["Routing:CnameCheckTimeout"] = "00:00:02";

        // Tests run the re-check rounds themselves; the background service waits past the end of the tests.
        App.Settings["Routing:CnameCheckInterval"] =
            DataRoutingApplication.Interval.ToString("c", CultureInfo.InvariantCulture);
        return App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Dns.DisposeAsync();
    }
}

/// <summary>Data routing done for real: the server's own resolver asks a name server over UDP.</summary>
public sealed class RealDnsRoutingTests(LocalDnsApplication local) : IClassFixture<LocalDnsApplication>
{
    private LocalDnsServer Dns => local.Dns;

    private GatehouseApplication App => local.App;

    [Fact]
    public async Task Upsert_ServerConfiguredInRoutingNameServers_IsAskedAndVerifiesTheCname()
    {
        Dns.Point(SampleIngress, "edge.cdn.example.net");
        Dns.Point("edge.cdn.example.net", SampleTarget);
        var tenantId = await NewSampleAccountAsync();
        using var client = await App.CreateApiClientAsync();
        var asked = Dns.Questions;

        var response = await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId));

        response.ShouldBe($$"""
            {"data":{"upsertIngressDomain":{"id":"{{tenantId}}:ingress","tenantName":"Tenant for test@meta.com",
              "ingress":"capig.advertiser.com","tenant1pDomain":"capig.advertiser.com",
              "tenant1pDomainStatus":"DOMAIN_SELECTED","cnameResolveSuccess":true} } }
            """);
        Assert.Equal(asked + 2, Dns.Questions);
    }

    [Fact]
    public async Task RecheckRound_RecordRemovedFromTheServer_TurnsUnverified()
    {
        Dns.Point(SampleIngress, SampleTarget);
        var tenantId = await NewSampleAccountAsync();
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId));
        Dns.Remove(SampleIngress);
        App.Clock.Advance(DataRoutingApplication.Interval);

        var checkedCount = await App.Services.GetRequiredService<CnameRechecker>().RunRoundAsync(default);

        using var later = await App.CreateApiClientAsync();
        var response = await later.PostGraphQLAsync(Query, TenantVariables(tenantId));
        Assert.Equal(1, checkedCount);
        response.ShouldBe($$"""
            {"data":{"ingressDomain":{"id":"{{tenantId}}:ingress","ingress":"capig.advertiser.com",
              "tenantName":"Tenant for test@meta.com","cnameResolveSuccess":false} } }
            """);
    }

    /// <summary>An account named as in the sample, free to take the sample ingress.</summary>
    private async Task<string> NewSampleAccountAsync()
    {
        await App.WithDbAsync(db => db.IngressDomains.Where(i => i.Ingress == SampleIngress).ExecuteDeleteAsync());
        return await App.AddTenantAsync(name: SampleTenantName);
    }
}
