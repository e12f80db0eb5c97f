using Gatehouse.Routing;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Routing.DataRoutingSamples;

namespace Gatehouse.Tests.Routing;

/// <summary>What the reference leaves open about data routing: input rules, conflicts, and the CNAME check.</summary>
public sealed class DataRoutingRulesTests(RoutingApplication routing) : IClassFixture<RoutingApplication>
{
    private const string Selection = "ingress cnameResolveSuccess";

    private GatehouseApplication App => routing.App;

    [Theory]
    [InlineData("https://capig.advertiser.com")]
    [InlineData("capig.advertiser.com:443")]
    [InlineData("capig.advertiser.com/events")]
    [InlineData("localhost")]
    [InlineData("192.168.1.20")]
    [InlineData("-capig.advertiser.com")]
    [InlineData("capig..advertiser.com")]
    [InlineData("capig_events.advertiser.com")]
    [InlineData("capig advertiser.com")]
    // Sent inside JSON, so the server gets a newline within the first label.
    [InlineData("capig\\n.advertiser.com")]
    [InlineData("")]
    public async Task Upsert_IngressNotAHostName_ReturnsBadRequestAndKeepsTheIngress(string ingress)
    {
        var (tenantId, stored) = await AccountWithIngressAsync();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        response.ShouldBe("""
            {"errors":[{"message":"input.ingress must be a host name such as capig.advertiser.com: at least two labels of letters, digits and inner hyphens, at most 253 characters, without a scheme, port or path.",
              "locations":[{"line":1,"column":56}],"path":["upsertIngressDomain"],
              "extensions":{"code":"BAD_REQUEST","status":400}}],"data":{"upsertIngressDomain":null}}
            """);
        Assert.Equal(stored, await StoredAsync(tenantId));
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public async Task Upsert_LabelLength_AcceptsUpTo63Characters(int length, bool accepted)
    {
        var tenantId = await App.AddTenantAsync();
        using var client = await App.CreateApiClientAsync();
        var ingress = new string('a', length - 8) + Guid.NewGuid().ToString("N")[..8] + ".advertiser.com";

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        Assert.Equal(accepted, response.Json["errors"] is null);
        Assert.Equal(accepted ? ingress : null, (await StoredAsync(tenantId))?.Ingress);
    }

    [Theory]
    [InlineData(253, true)]
    [InlineData(254, false)]
    public async Task Upsert_HostLength_AcceptsUpTo253Characters(int length, bool accepted)
    {
        var tenantId = await App.AddTenantAsync();
        using var client = await App.CreateApiClientAsync();
        var suffix = "." + Guid.NewGuid().ToString("N") + ".com";
        var prefix = string.Concat(Enumerable.Repeat(new string('a', 50) + ".", 6))[..(length - suffix.Length)];
        var ingress = (prefix.EndsWith('.') ? prefix[..^1] + "a" : prefix) + suffix;

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        Assert.Equal(length, ingress.Length);
        Assert.Equal(accepted, response.Json["errors"] is null);
    }

    [Fact]
    public async Task Upsert_TargetDomainWithScheme_ReturnsBadRequestAndStoresNothing()
    {
        var tenantId = await App.AddTenantAsync();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            UpsertSelecting(Selection), UpsertVariables(tenantId, NewIngress(), "https://capig.targetDomain.com"));

        Assert.Equal(
            "input.targetDomain must be a host name such as capig.advertiser.com: at least two labels of letters, "
            + "digits and inner hyphens, at most 253 characters, without a scheme, port or path.",
            response.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(await StoredAsync(tenantId));
    }

    [Fact]
    public async Task Upsert_UpperCaseAndFinalDot_StoresTheLowerCaseName()
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        routing.Dns.Point(ingress, "capig.targetdomain.com");
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            UpsertSelecting(Selection), UpsertVariables(tenantId, ingress.ToUpperInvariant() + ".", SampleTarget));

        response.ShouldBe(Upserted(ingress, verified: true));
        Assert.Equal("capig.targetdomain.com", (await StoredAsync(tenantId))!.TargetDomain);
    }

    [Fact]
    public async Task Upsert_TargetEqualsIngress_ReturnsBadRequest()
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            UpsertSelecting(Selection), UpsertVariables(tenantId, ingress, ingress));

        Assert.Equal(
            "input.targetDomain must differ from input.ingress: the ingress is a CNAME that points at the target.",
            response.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(await StoredAsync(tenantId));
    }

    [Fact]
    public async Task Upsert_IngressOfAnotherAccount_ReturnsConflictAndChangesNothing()
    {
        var (owner, _) = await AccountWithIngressAsync();
        var ingress = (await StoredAsync(owner))!.Ingress;
        var (tenantId, stored) = await AccountWithIngressAsync();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        response.ShouldBe($$"""
            {"errors":[{"message":"input.ingress '{{ingress}}' is already the ingress domain of another account.",
              "locations":[{"line":1,"column":56}],"path":["upsertIngressDomain"],
              "extensions":{"code":"CONFLICT","status":409} }],"data":{"upsertIngressDomain":null} }
            """);
        Assert.Equal(stored, await StoredAsync(tenantId));
        Assert.Equal(ingress, (await StoredAsync(owner))!.Ingress);
    }

    [Fact]
    public async Task Upsert_NewIngress_ReplacesTheOldOneWhichAnotherAccountMayThenTake()
    {
        var (first, _) = await AccountWithIngressAsync();
        var old = (await StoredAsync(first))!.Ingress;
        var second = await App.AddTenantAsync();
        using var client = await App.CreateApiClientAsync();

        await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(first, NewIngress()));
        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(second, old));

        response.ShouldBe(Upserted(old, verified: false));
        Assert.NotEqual(old, (await StoredAsync(first))!.Ingress);
    }

    [Fact]
    public async Task Upsert_WithoutTenantId_ReturnsBadRequest()
    {
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "mutation ($input: IngressDomainInput) { upsertIngressDomain(input: $input) { id } }",
            $$"""{"input":{"ingress":"{{NewIngress()}}","targetDomain":"{{SampleTarget}}"} }""");

        response.ShouldBe("""
            {"errors":[{"message":"tenantId is required: name the account whose ingress domain is set.",
              "locations":[{"line":1,"column":41}],"path":["upsertIngressDomain"],
              "extensions":{"code":"BAD_REQUEST","status":400}}],"data":{"upsertIngressDomain":null}}
            """);
    }

    [Fact]
    public async Task Upsert_WithoutInput_ReturnsBadRequest()
    {
        var tenantId = await App.AddTenantAsync();
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(
            "mutation ($tenantId: ID) { upsertIngressDomain(tenantId: $tenantId) { id } }", TenantVariables(tenantId));

        Assert.Equal(
            "input is required: give input.ingress and input.targetDomain.",
            response.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(await StoredAsync(tenantId));
    }

    [Theory]
    [InlineData("query")]
    [InlineData("upsert")]
    public async Task DataRouting_UnknownAccount_AnswersAsForAClosedAccount(string operation)
    {
        var closed = await App.AddTenantAsync(canPartnerManage: false);
        using var client = await App.CreateApiClientAsync();

        var unknown = await RunAsync(client, operation, "NoSuchId");
        var refused = await RunAsync(client, operation, closed);

        var verb = operation == "query" ? "view" : "update";
        Assert.Equal(
            $"Not authorized to {verb} ingress domain.",
            unknown.Json["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(unknown.Body, refused.Body);
    }

    [Fact]
    public async Task Upsert_CnameChainThroughACdn_IsVerified()
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        routing.Dns.Point(ingress, "edge-" + ingress + ".cdn.example.net");
        routing.Dns.Point("edge-" + ingress + ".cdn.example.net", SampleTarget);
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        response.ShouldBe(Upserted(ingress, verified: true));
    }

    [Theory]
    [InlineData(CnameCheck.MaxChainLength, true)]
    [InlineData(CnameCheck.MaxChainLength + 1, false)]
    public async Task Upsert_LongCnameChain_IsFollowedUpToItsLimit(int records, bool verified)
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        var names = Enumerable.Range(1, records - 1).Select(i => $"hop{i}.{ingress}").Prepend(ingress).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            routing.Dns.Point(names[i], i + 1 < names.Count ? names[i + 1] : SampleTarget);
        }

        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        Assert.Equal(verified, response.Json["data"]!["upsertIngressDomain"]!["cnameResolveSuccess"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Upsert_CnameToAnotherDomain_IsNotVerified()
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        routing.Dns.Point(ingress, "gateway.elsewhere.example");
        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        response.ShouldBe(Upserted(ingress, verified: false));
    }

    [Theory]
    [InlineData("failing")]
    [InlineData("silent")]
    public async Task Upsert_NameServerFailsOrNeverAnswers_StoresNotVerifiedWithoutError(string dns)
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        if (dns == "failing")
        {
            routing.Dns.Fail(ingress);
        }
        else
        {
            routing.Dns.Silence(ingress);
        }

        using var client = await App.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        response.ShouldBe(Upserted(ingress, verified: false));
        Assert.NotNull((await StoredAsync(tenantId))!.CheckedAt);
    }

    /// <summary>The answer to an upsert that selects the ingress and the result of its CNAME check.</summary>
    [Fact]
    public async Task Upsert_Change_IsLoggedWithTheAccountIdAndNotTheHostName()
    {
        var tenantId = await App.AddTenantAsync();
        var ingress = NewIngress();
        using var client = await App.CreateApiClientAsync();

        await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, ingress));

        var set = Assert.Single(routing.Logs.Entries, e => e.EventName == "IngressDomainSet"
            && e.Message.Contains(tenantId, StringComparison.Ordinal));
        Assert.StartsWith($"Ingress domain of account {tenantId} set by acct", set.Message, StringComparison.Ordinal);
        Assert.EndsWith("; CNAME verified: False", set.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(routing.Logs.Entries, e => e.Message.Contains(ingress, StringComparison.Ordinal));
    }

    private static string Upserted(string ingress, bool verified) => $$"""
        {"data":{"upsertIngressDomain":{"ingress":"{{ingress}}",
          "cnameResolveSuccess":{{(verified ? "true" : "false")}} } } }
        """;

    private static string UpsertSelecting(string selection) =>
        "mutation ($tenantId: ID, $input: IngressDomainInput) { upsertIngressDomain(tenantId: $tenantId, "
        + "input: $input) { " + selection + " } }";

    private static Task<GraphQLResponse> RunAsync(HttpClient client, string operation, string tenantId) =>
        operation == "query"
            ? client.PostGraphQLAsync(Query, TenantVariables(tenantId))
            : client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, NewIngress()));

    private async Task<(string TenantId, Stored? Stored)> AccountWithIngressAsync()
    {
        var tenantId = await App.AddTenantAsync();
        using var client = await App.CreateApiClientAsync();
        await client.PostGraphQLAsync(UpsertSelecting(Selection), UpsertVariables(tenantId, NewIngress()));
        return (tenantId, await StoredAsync(tenantId));
    }

    private async Task<Stored?> StoredAsync(string tenantId)
    {
        Stored? stored = null;
        await App.WithDbAsync(async db => stored = await db.IngressDomains
            .Where(i => i.TenantId == tenantId)
            .Select(i => new Stored(i.Ingress, i.TargetDomain, i.CnameResolveSuccess, i.CheckedAt, i.UpdatedAt))
            .SingleOrDefaultAsync());
        return stored;
    }

    /// <summary>An ingress row as stored, compared by value.</summary>
    private sealed record Stored(
        string Ingress,
        string TargetDomain,
        bool CnameResolveSuccess,
        DateTime? CheckedAt,
        DateTime UpdatedAt);
}
