using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Routing.DataRoutingSamples;

namespace Gatehouse.Tests.Routing;

/// <summary>Each operation of the Account Data Routing reference, sent exactly as documented.</summary>
public sealed class DataRoutingSampleTests(RoutingApplication routing) : IClassFixture<RoutingApplication>
{
    private GatehouseApplication App => routing.App;

    [Fact]
    public async Task UpsertSample_NoCnameRecordYet_ReturnsIngressNotSelected()
    {
        var tenantId = await NewSampleAccountAsync();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId));

        response.ShouldBe($$"""
            {"data":{"upsertIngressDomain":{"id":"{{tenantId}}:ingress","tenantName":"Tenant for test@meta.com",
              "ingress":"capig.advertiser.com","tenant1pDomain":"capig.advertiser.com",
              "tenant1pDomainStatus":"DOMAIN_NOT_SELECTED","cnameResolveSuccess":false} } }
            """);
    }

    [Fact]
    public async Task UpsertSample_CnamePointsAtTarget_ReturnsIngressSelected()
    {
        var tenantId = await NewSampleAccountAsync();
        routing.Dns.Point(SampleIngress, "capig.targetdomain.com.");
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId));

        routing.Dns.Remove(SampleIngress);
        response.ShouldBe($$"""
            {"data":{"upsertIngressDomain":{"id":"{{tenantId}}:ingress","tenantName":"Tenant for test@meta.com",
              "ingress":"capig.advertiser.com","tenant1pDomain":"capig.advertiser.com",
              "tenant1pDomainStatus":"DOMAIN_SELECTED","cnameResolveSuccess":true} } }
            """);
    }

    [Fact]
    public async Task UpsertSchemaText_TenantIdDeclaredButNotPassed_FailsValidation()
    {
        var tenantId = await NewSampleAccountAsync();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSchemaText, UpsertVariables(tenantId));

        response.ShouldBe("""
            {"errors":[{"message":"Variable '$tenantId' is never used in operation '$IngressEditingModalMutation'.",
              "locations":[{"line":1,"column":38}],"extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
        Assert.Null(await StoredIngressAsync(tenantId));
    }

    [Fact]
    public async Task DataRoutingQuerySample_AccountWithIngress_ReturnsItsIngressDomain()
    {
        var tenantId = await NewSampleAccountAsync();
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId));

        var response = await client.PostGraphQLAsync(Query, TenantVariables(tenantId));

        response.ShouldBe($$"""
            {"data":{"ingressDomain":{"id":"{{tenantId}}:ingress","ingress":"capig.advertiser.com",
              "tenantName":"Tenant for test@meta.com","cnameResolveSuccess":false} } }
            """);
    }

    [Fact]
    public async Task DataRoutingCardQuerySample_StringVariable_ReturnsItsIngressDomain()
    {
        var tenantId = await NewSampleAccountAsync();
        routing.Dns.Point(SampleIngress, SampleTarget);
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId));
        routing.Dns.Remove(SampleIngress);

        var response = await client.PostGraphQLAsync(CardQuery, TenantVariables(tenantId));

        response.ShouldBe($$"""
            {"data":{"ingressDomain":{"id":"{{tenantId}}:ingress","ingress":"capig.advertiser.com",
              "tenantName":"Tenant for test@meta.com","cnameResolveSuccess":true} } }
            """);
    }

    [Theory]
    [InlineData(Query)]
    [InlineData(CardQuery)]
    public async Task DataRoutingQuerySamples_AccountWithoutIngress_ReturnNullWithoutError(string sample)
    {
        var tenantId = await App.AddTenantAsync(name: SampleTenantName);
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(sample, TenantVariables(tenantId));

        response.ShouldBe("""{"data":{"ingressDomain":null}}""");
    }

    [Fact]
    public async Task IngressDomain_EnhancementResult_FollowsTheCnameCheck()
    {
        var tenantId = await App.AddTenantAsync(name: SampleTenantName);
        var ingress = NewIngress();
        routing.Dns.Point(ingress, SampleTarget);
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId, ingress));

        var response = await client.PostGraphQLAsync("""
            query ($tenantId: ID!) { ingressDomain(tenantId: $tenantId) {
              tenant1pDomainStatus enhancementTenantIngressVerifiedResult { id tenantIngressVerified } } }
            """, TenantVariables(tenantId));

        response.ShouldBe($$"""
            {"data":{"ingressDomain":{"tenant1pDomainStatus":"DOMAIN_SELECTED",
              "enhancementTenantIngressVerifiedResult":{"id":"{{tenantId}}:tenantIngressVerified",
                "tenantIngressVerified":true} } } }
            """);
    }

    [Fact]
    public async Task IntegerVariable_InStringPosition_IsStillRefused()
    {
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "query ($tenantId: Int!) { ingressDomain(tenantId: $tenantId) { id } }", """{"tenantId":1}""");

        response.ShouldBe("""
            {"errors":[{"message":"Variable '$tenantId' of type 'Int!' used in position expecting type 'ID!'.",
              "locations":[{"line":1,"column":8},{"line":1,"column":51}],
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }

    [Fact]
    public async Task StringVariable_InOtherIdArgument_IsStillRefused()
    {
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "mutation ($tenantId: String!) { upsertIngressDomain(tenantId: $tenantId) { id } }",
            """{"tenantId":"x"}""");

        response.ShouldBe("""
            {"errors":[{"message":"Variable '$tenantId' of type 'String!' used in position expecting type 'ID'.",
              "locations":[{"line":1,"column":11},{"line":1,"column":63}],
              "extensions":{"code":"BAD_REQUEST","status":400}}]}
            """);
    }

    /// <summary>An account named as in the sample, free to take the sample ingress from any other account.</summary>
    private async Task<string> NewSampleAccountAsync()
    {
        await App.WithDbAsync(db => db.IngressDomains.Where(i => i.Ingress == SampleIngress).ExecuteDeleteAsync());
        return await App.AddTenantAsync(name: SampleTenantName);
    }

    private async Task<string?> StoredIngressAsync(string tenantId)
    {
        string? ingress = null;
        await App.WithDbAsync(async db => ingress = await db.IngressDomains
            .Where(i => i.TenantId == tenantId).Select(i => i.Ingress).SingleOrDefaultAsync());
        return ingress;
    }
}
