namespace Gatehouse.Tests.Routing;

/// <summary>
/// The operations of Meta's Account Data Routing reference as printed there. <see cref="CardQuery"/> is
/// <see cref="Query"/> as the DataRoutingCardQuery sample declares it, with <c>$tenantId: String!</c>.
/// </summary>
public static class DataRoutingSamples
{
    public const string Query = """
        query DataRoutingQuery($tenantId: ID!) { ingressDomain(tenantId: $tenantId) { id ingress tenantName cnameResolveSuccess } }
        """;

    public const string CardQuery = """
        query DataRoutingCardQuery($tenantId: String!) { ingressDomain(tenantId: $tenantId) { id ingress tenantName cnameResolveSuccess } }
        """;

    /// <summary>The sample request, which passes <c>tenantId</c> to the field.</summary>
    public const string Upsert = """
        mutation IngressEditingModalMutation($tenantId: ID!, $input: IngressDomainInput) {
          upsertIngressDomain(input: $input, tenantId: $tenantId) { id tenantName ingress tenant1pDomain tenant1pDomainStatus cnameResolveSuccess }
        }
        """;

    /// <summary>The schema text, which declares <c>$tenantId</c> but never passes it.</summary>
    public const string UpsertSchemaText = """
        mutation IngressEditingModalMutation($tenantId: ID!, $input: IngressDomainInput) {
          upsertIngressDomain(input: $input) { id tenantName ingress tenant1pDomain tenant1pDomainStatus cnameResolveSuccess }
        }
        """;

    public const string SampleIngress = "capig.advertiser.com";

    public const string SampleTarget = "capig.targetDomain.com";

    public const string SampleTenantName = "Tenant for test@meta.com";

    public static string TenantVariables(string tenantId) => $$"""{"tenantId":"{{tenantId}}"}""";

    public static string UpsertVariables(
        string tenantId,
        string ingress = SampleIngress,
        string targetDomain = SampleTarget) =>
        $$"""{"tenantId":"{{tenantId}}","input":{"ingress":"{{ingress}}","targetDomain":"{{targetDomain}}"} }""";

    /// <summary>A host name no other test uses, under the sample advertiser's domain.</summary>
    public static string NewIngress() => $"capig-{Guid.NewGuid():N}.advertiser.com";
}
