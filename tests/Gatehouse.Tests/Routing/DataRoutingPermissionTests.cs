using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Routing.DataRoutingSamples;

namespace Gatehouse.Tests.Routing;

/// <summary>
/// Who may read and change data routing, asked over HTTP as each kind of caller. X is an account the partner
/// manages, U one it does not, Y another managed account; docs/permissions.md shows the same table.
/// </summary>
public sealed class DataRoutingPermissionTests(RoutingApplication routing) : IClassFixture<RoutingApplication>
{
    private const string ApiAccount = "API account";

    private GatehouseApplication App => routing.App;

    [Theory]
    [InlineData("agency-admin", "ok", "ok")]
    [InlineData("agency-manage", "ok", "ok")]
    [InlineData("agency-view", "ok", "401")]
    [InlineData("advertiser-admin-X", "ok", "ok")]
    [InlineData("advertiser-manage-X", "ok", "ok")]
    [InlineData("advertiser-view-X", "ok", "401")]
    [InlineData("advertiser-admin-Y", "401", "401")]
    [InlineData(ApiAccount, "ok", "ok")]
    public async Task DataRouting_Caller_HasDocumentedOutcome(string caller, string read, string change)
    {
        var x = await App.AddTenantAsync(name: "Managed X");
        var u = await App.AddTenantAsync(name: "Unmanaged U", canPartnerManage: false);
        var y = await App.AddTenantAsync(name: "Other Y");
        await SetIngressAsync(x);
        await SetIngressAsync(u);
        using var client = await ClientForAsync(caller, x, y);

        var outcomes = new[]
        {
            Outcome(await client.PostGraphQLAsync(Query, TenantVariables(x)), "ingressDomain"),
            await ChangeOutcomeAsync(client, x),
            Outcome(await client.PostGraphQLAsync(Query, TenantVariables(u)), "ingressDomain"),
            await ChangeOutcomeAsync(client, u),
        };

        Assert.Equal([read, change, "401", "401"], outcomes);
    }

    [Fact]
    public async Task Upsert_Viewer_IsRefusedWithTheDocumentedMessage()
    {
        var x = await App.AddTenantAsync(name: "Managed X");
        using var client = await App.CreateHubClientAsync($"advertiser-view-{x}");

        var response = await client.PostGraphQLAsync(Upsert, UpsertVariables(x, NewIngress()));

        Assert.Equal(
            "Not authorized to update ingress domain.",
            response.Json["errors"]![0]!["message"]!.GetValue<string>());
    }

    /// <summary>Tries to change the ingress, and tells the outcome and whether anything was stored.</summary>
    private async Task<string> ChangeOutcomeAsync(HttpClient client, string tenantId)
    {
        var ingress = NewIngress();

        var outcome = Outcome(
            await client.PostGraphQLAsync(Upsert, UpsertVariables(tenantId, ingress)), "upsertIngressDomain");

        var stored = false;
        await App.WithDbAsync(async db => stored = await db.IngressDomains.AnyAsync(i => i.Ingress == ingress));
        Assert.Equal(outcome == "ok", stored);
        return outcome;
    }

    private static string Outcome(GraphQLResponse response, string field)
    {
        if (response.Json["errors"] is JsonArray errors)
        {
            var extensions = Assert.Single(errors)!["extensions"]!;
            Assert.Equal("UNAUTHORIZED", extensions["code"]!.GetValue<string>());
            return extensions["status"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.NotNull(response.Json["data"]![field]);
        return "ok";
    }

    private async Task SetIngressAsync(string tenantId)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(async db =>
        {
            db.IngressDomains.Add(new Gatehouse.Routing.IngressDomain
            {
                TenantId = tenantId,
                Ingress = NewIngress(),
                TargetDomain = SampleTarget,
                CheckedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });
    }

    private async Task<HttpClient> ClientForAsync(string caller, string x, string y) =>
        caller == ApiAccount
            ? await App.CreateApiClientAsync()
            : await App.CreateHubClientAsync(HubUsers.RoleFor(caller, x, y));
}
