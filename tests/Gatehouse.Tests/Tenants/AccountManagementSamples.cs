namespace Gatehouse.Tests.Tenants;

/// <summary>
/// The operation texts, variables and responses of Meta's Account Management reference, exactly as printed
/// there (odd spacing, the stray comma in <c>durationInHours, lastUpdatedAt</c> and duplicated fields included),
/// so that clients written against the documentation are known to work unchanged.
/// </summary>
public static class AccountManagementSamples
{
    /// <summary>The Create Account schema text.</summary>
    public const string CreateSchemaText = """
        mutation CreateTenantMutation( $input: CreateTenantInput! ) { tenantMutations { createTenant(input: $input) { tenant { id name status canPartnerManage users { id email roles { name displayName } tenants { id name status canPartnerManage availableRoles { name displayName } } isSelf canBeDeleted defaultTenantId } availableRoles { name displayName } tenantUsage { totalActivePixels totalInactivePixels totalPixels tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours, lastUpdatedAt } } canEditTenantSettingsInUI canViewTenantInUI canEditTenantUsersInUI } } } }
        """;

    /// <summary>The Create Account sample request.</summary>
    public const string CreateSampleRequest = """
        mutation CreateTenantMutation(
               $input: CreateTenantInput!
             ) {
               tenantMutations {
                 createTenant(input: $input) {
                   tenant {
                     id
                     name
                     status
                     canPartnerManage
                   }
                 }
               }
             }
        """;

    /// <summary>The Create Account sample variables.</summary>
    public const string CreateSampleVariables = """
        {
           "input": {
               "name": "TestAdvertiserViaAPI",
               "canPartnerManage": true,
               "eventEnrichment": true
               }
        }
        """;

    /// <summary>The Get Account schema text; it selects canEditTenantSettingsInUI twice.</summary>
    public const string GetSchemaText = """
        query TenantAccountUsersViewQuery( $tenantId: String! ) { tenant(tenantId: $tenantId) { id name status canPartnerManage users { id email roles { name displayName } tenants { id name status canPartnerManage availableRoles { name displayName } } isSelf canBeDeleted defaultTenantId } availableRoles { name displayName } tenantUsage { totalActivePixels totalInactivePixels totalPixels tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours, lastUpdatedAt } } canEditTenantSettingsInUI canViewTenantInUI canEditTenantSettingsInUI } }
        """;

    /// <summary>The Get Account sample request.</summary>
    public const string GetSampleRequest = """
        query TenantAccountUsersViewQuery(
         $tenantId: String!
        ) {
         tenant(tenantId: $tenantId) {
           id
           name
           users {
             id
             email
             roles {
                 name
                 displayName
             }
           }
         }
        }
        """;

    /// <summary>The Get Account sample variables.</summary>
    public const string GetSampleVariables = """
        {
           "tenantId":"wW58k7FQ"
        }
        """;

    /// <summary>The Get Account sample response.</summary>
    public const string GetSampleResponse = """
        {
           "data": {
               "tenant": {
                   "id": "wW58k7FQ",
                   "name": "Test Account",
                   "users": [
                       {
                           "id": "992bc489-a799-4374-8933-0109eed60e3d",
                           "email": "tempuser@test.com",
                           "roles": [
                               {
                                   "name": "advertiser-manage-wW58k7FQ",
                                   "displayName": "manage"
                               }
                           ]
                       }
                   ]
               }
           }
        }
        """;

    /// <summary>The Update Account schema text; it selects canEditTenantSettingsInUI twice.</summary>
    public const string UpdateSchemaText = """
        mutation TenantEditNameModalMutation( $input: UpdateTenantInput! ) { tenantMutations { updateTenant(input: $input) { tenant { id name status canPartnerManage users { id email roles { name displayName } tenants { id name status canPartnerManage availableRoles { name displayName } } isSelf canBeDeleted defaultTenantId } availableRoles { name displayName } tenantUsage { totalActivePixels totalInactivePixels totalPixels tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours, lastUpdatedAt } } canEditTenantSettingsInUI canViewTenantInUI canEditTenantSettingsInUI } } } }
        """;

    /// <summary>The Update Account sample request.</summary>
    public const string UpdateSampleRequest = """
        mutation TenantEditNameModalMutation(
         $input: UpdateTenantInput!
        ) {
         tenantMutations {
           updateTenant(input: $input) {
             tenant {
               id
               name
               status
               canPartnerManage
             }
           }
         }
        }
        """;

    /// <summary>The Update Account sample variables.</summary>
    public const string UpdateSampleVariables = """
        {
           "input":{
               "tenantId":"IaoreXfj",
               "name":"Test Account Name Update",
               "status":0,
               "canPartnerManage":true
           }
        }
        """;

    /// <summary>The Update Account sample response.</summary>
    public const string UpdateSampleResponse = """
        {
           "data": {
               "tenantMutations": {
                   "updateTenant": {
                       "tenant": {
                           "id": "IaoreXfj",
                           "name": "Test Account Name Update",
                           "status": 0,
                           "canPartnerManage": true
                       }
                   }
               }
           }
        }
        """;

    /// <summary>The Delete Account schema text.</summary>
    public const string DeleteSchemaText = """
        mutation DeleteTenant($tenantId: String!) { tenantMutations { deleteTenant(tenantId: $tenantId) } }
        """;

    /// <summary>The Delete Account sample request.</summary>
    public const string DeleteSampleRequest = """
         mutation DeleteTenant($tenantId: String!) {
           tenantMutations {
           deleteTenant(tenantId: $tenantId)
           }
        }
        """;

    /// <summary>The Delete Account sample variables.</summary>
    public const string DeleteSampleVariables = """
        {
           "tenantId": "Tse53QtW"
        }
        """;

    /// <summary>The Delete Account sample response.</summary>
    public const string DeleteSampleResponse = """
        {
           "data": {
               "tenantMutations": {
                   "deleteTenant": true
               }
           }
        }
        """;

    /// <summary>The Account Usage schema text.</summary>
    public const string UsageSchemaText = """
        query TenantUsageQuery( $tenantId: String! ) { tenantUsage(tenantId: $tenantId) { totalActivePipeline totalInactivePixels totalPixels totalPipelines tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic } } }
        """;

    /// <summary>The Account Usage sample request, with the account id inline.</summary>
    public const string UsageSampleRequest = """
        query {
           tenantUsage(tenantId: "IaoreXfj"){
               totalActivePixels
               totalInactivePixels
               totalPixels
           }
        }
        """;
}
