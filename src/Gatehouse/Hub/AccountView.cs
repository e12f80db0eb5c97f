namespace Gatehouse.Hub;

/// <summary>
/// What the account page reads, in the shape of the hub API's answer: the page runs
/// <see cref="Document"/>, the account-and-users query of Meta's own hub, through <see cref="HubApi"/>.
/// </summary>
public sealed record AccountView(AccountView.TenantData? Tenant)
{
    public const string Document = """
        query TenantAccountUsersViewQuery($tenantId: String!) {
          tenant(tenantId: $tenantId) {
            id name status canPartnerManage
            users { id email status roles { name displayName } isSelf canBeDeleted userExpiry }
            availableRoles { name displayName }
            tenantUsage {
              totalPixels totalActivePixels totalInactivePixels totalPipelines totalActivePipeline
              tenantUsageByTraffic { totalEventsReceived totalPixelsWithTraffic publishError durationInHours lastUpdatedAt }
            }
            canEditTenantSettingsInUI canViewTenantInUI canEditTenantUsersInUI
          }
        }
        """;

    public sealed record TenantData(
        string Id,
        string Name,
        int Status,
        bool CanPartnerManage,
        List<UserData> Users,
        List<RoleData> AvailableRoles,
        UsageData TenantUsage,
        bool CanEditTenantSettingsInUI,
        bool CanViewTenantInUI,
        bool CanEditTenantUsersInUI);

    public sealed record UserData(
        string Id,
        string Email,
        int Status,
        List<RoleData> Roles,
        bool IsSelf,
        bool CanBeDeleted,
        string? UserExpiry)
    {
        /// <summary>The user's role in the given account (a user holds one per account).</summary>
        public RoleData? RoleIn(string tenantId) =>
            Roles.FirstOrDefault(r => r.Name.EndsWith("-" + tenantId, StringComparison.Ordinal));
    }

    public sealed record RoleData(string Name, string DisplayName);

    public sealed record UsageData(
        int TotalPixels,
        int TotalActivePixels,
        int TotalInactivePixels,
        int TotalPipelines,
        int TotalActivePipeline,
        TrafficData TenantUsageByTraffic);

    public sealed record TrafficData(
        long TotalEventsReceived,
        int TotalPixelsWithTraffic,
        bool PublishError,
        int DurationInHours,
        string LastUpdatedAt);
}

/// <summary>The documented user mutations as the hub pages send them.</summary>
public static class UserDocuments
{
    public const string AddUserWithRole = """
        mutation useAddUserAccountMutation($addUserWithRoleInput: AddUserWithRoleInput!) {
          userMutations { addUserWithRole(input: $addUserWithRoleInput) { userAlreadyExist invitationLink user { id } } }
        }
        """;

    public const string ChangeRoleForUser = """
        mutation UserAccessChangeMutation($changeRoleForUserInput: ChangeRoleForUserInput!) {
          userMutations { changeRoleForUser(input: $changeRoleForUserInput) { user { id } } }
        }
        """;

    public const string SendInvitation = """
        mutation ActivateElementMutation($sendInvitationInput: SendInvitationInput!) {
          userMutations { sendInvitation(input: $sendInvitationInput) }
        }
        """;

    public sealed record AddUserData(AddUserGroup UserMutations);

    public sealed record AddUserGroup(AddUserResult AddUserWithRole);

    public sealed record AddUserResult(bool UserAlreadyExist, string? InvitationLink);

    public sealed record SendInvitationData(SendInvitationGroup UserMutations);

    public sealed record SendInvitationGroup(string SendInvitation);
}
