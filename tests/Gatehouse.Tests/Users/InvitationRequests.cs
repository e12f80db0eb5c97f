using System.Net;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Users;

/// <summary>The user mutations that invite people, as Meta's documentation writes them.</summary>
public static class InvitationRequests
{
    public const string AddUserWithRole = """
        mutation useAddUserAccountMutation($addUserWithRoleInput: AddUserWithRoleInput!) { userMutations { addUserWithRole(input: $addUserWithRoleInput) { userAlreadyExist invitationLink user { id email status roles { name displayName } isSelf canBeDeleted defaultTenantId } } } }
        """;

    public const string SendInvitation = """
        mutation ActivateElementMutation($sendInvitationInput: SendInvitationInput!) { userMutations { sendInvitation(input: $sendInvitationInput) } }
        """;

    /// <summary>A new address for one test, so that the mail it causes can be told from others'.</summary>
    public static string NewEmail() => $"invitee-{Guid.NewGuid():N}@example.com";

    public static Task<GraphQLResponse> AddUserWithRoleAsync(this HttpClient client, string email, string roleName) =>
        client.PostGraphQLAsync(
            AddUserWithRole,
            $$$"""{"addUserWithRoleInput":{"email":"{{{email}}}","roleName":"{{{roleName}}}"}}""");

    public static Task<GraphQLResponse> SendInvitationAsync(this HttpClient client, string email, string tenantId) =>
        client.PostGraphQLAsync(
            SendInvitation,
            $$$"""
            {"sendInvitationInput":{"email":"{{{email}}}","tenantId":"{{{tenantId}}}","userType":"ADVERTISER"}}
            """);

    /// <summary>The invitation link of a successful addUserWithRole response.</summary>
    public static string InvitationLinkOf(GraphQLResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.Json["errors"]);
        return response.Json["data"]!["userMutations"]!["addUserWithRole"]!["invitationLink"]!.GetValue<string>();
    }
}
