namespace Gatehouse.Tests.GraphQL;

/// <summary>Query texts that real clients send, kept verbatim.</summary>
public static class GraphQLQueries
{
    /// <summary>The full schema text of CreateTenantMutation in the Account Management reference.</summary>
    public const string CreateTenantMutation = """
        mutation CreateTenantMutation( $input: CreateTenantInput! ) { tenantMutations { createTenant(input: $input) { tenant { id name status canPartnerManage users { id email roles { name displayName } tenants { id name status canPartnerManage availableRoles { name displayName } } isSelf canBeDeleted defaultTenantId } availableRoles { name displayName } tenantUsage { totalActivePixels totalInactivePixels totalPixels tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours, lastUpdatedAt } } canEditTenantSettingsInUI canViewTenantInUI canEditTenantUsersInUI } } } }
        """;

    /// <summary>The full schema text of TenantAccountUsersViewQuery in the Account Management reference.</summary>
    public const string TenantAccountUsersViewQuery = """
        query TenantAccountUsersViewQuery( $tenantId: String! ) { tenant(tenantId: $tenantId) { id name status canPartnerManage users { id email roles { name displayName } tenants { id name status canPartnerManage availableRoles { name displayName } } isSelf canBeDeleted defaultTenantId } availableRoles { name displayName } tenantUsage { totalActivePixels totalInactivePixels totalPixels tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours, lastUpdatedAt } } canEditTenantSettingsInUI canViewTenantInUI canEditTenantSettingsInUI } }
        """;

    /// <summary>The full schema text of TenantEditNameModalMutation in the Account Management reference.</summary>
    public const string TenantEditNameModalMutation = """
        mutation TenantEditNameModalMutation( $input: UpdateTenantInput! ) { tenantMutations { updateTenant(input: $input) { tenant { id name status canPartnerManage users { id email roles { name displayName } tenants { id name status canPartnerManage availableRoles { name displayName } } isSelf canBeDeleted defaultTenantId } availableRoles { name displayName } tenantUsage { totalActivePixels totalInactivePixels totalPixels tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours, lastUpdatedAt } } canEditTenantSettingsInUI canViewTenantInUI canEditTenantSettingsInUI } } } }
        """;

    /// <summary>The full schema text of DeleteTenant in the Account Management reference.</summary>
    public const string DeleteTenant = """
        mutation DeleteTenant($tenantId: String!) { tenantMutations { deleteTenant(tenantId: $tenantId) } }
        """;

    /// <summary>The full schema text of TenantUsageQuery in the Account Management reference.</summary>
    public const string TenantUsageQuery = """
        query TenantUsageQuery( $tenantId: String! ) { tenantUsage(tenantId: $tenantId) { totalActivePipeline totalInactivePixels totalPixels totalPipelines tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic } } }
        """;

    /// <summary>The introspection query GraphiQL sends, with type references seven levels deep.</summary>
    public const string Introspection = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }

        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) {
            name
            description
            args { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }

        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
