namespace Gatehouse.Tests.Users;

/// <summary>
/// The operation texts and sample variables of Meta's User Management reference, exactly as printed there,
/// so that clients written against the documentation are known to work unchanged.
/// </summary>
public static class UserManagementSamples
{
    /// <summary>The Add User With Role operation.</summary>
    public const string AddUserWithRole = """
        mutation useAddUserAccountMutation($addUserWithRoleInput: AddUserWithRoleInput!) {
          userMutations { addUserWithRole(input: $addUserWithRoleInput) { userAlreadyExist invitationLink user { id email status roles { name displayName } isSelf canBeDeleted defaultTenantId } } }
        }
        """;

    /// <summary>The Add User With Role sample variables.</summary>
    public const string AddUserWithRoleVariables = """
        {"addUserWithRoleInput":{"email":"tempUser1@testaccount.com","roleName":"advertiser-manage-wW58k7FQ"}}
        """;

    /// <summary>The Change User Roles operation.</summary>
    public const string ChangeRoleForUser = """
        mutation UserAccessChangeMutation($changeRoleForUserInput: ChangeRoleForUserInput!) {
          userMutations { changeRoleForUser(input: $changeRoleForUserInput) { user { id email status roles { name displayName } isSelf canBeDeleted defaultTenantId } } }
        }
        """;

    /// <summary>The Change User Roles sample variables, with the user id printed in full.</summary>
    public const string ChangeRoleForUserVariables = """
        {"changeRoleForUserInput":{"userId":"97a9753d-a469-4f23-8aa7-748e4cf86877","roleToRevoke":"advertiser-admin-wW58k7FQ","roleToAdd":"agency-admin"}}
        """;

    /// <summary>The Generate and Send Invitation operation.</summary>
    public const string SendInvitation = """
        mutation ActivateElementMutation($sendInvitationInput: SendInvitationInput!) { userMutations { sendInvitation(input: $sendInvitationInput) } }
        """;

    /// <summary>The Generate and Send Invitation sample variables.</summary>
    public const string SendInvitationVariables = """
        {"sendInvitationInput":{"email":"tempuser1@testaccount.com","tenantId":"wW58k7FQ","userType":"ADVERTISER"}}
        """;
}
