using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Hub;

/// <summary>
/// The user forms that the account page and the host-users page share: invite, change role, revoke and
/// invite again, each through the documented user mutation. The pages differ only in the roles they name.
/// </summary>
public abstract class UserManagementPageModel(HubApi api) : HubPageModel
{
    public const string InvitationLinkKey = "InvitationLink";

    /// <summary>The one-time link of the invitation just made, shown once after the redirect.</summary>
    public string? InvitationLink { get; private set; }

    protected HubApi Api => api;

    protected void ReadInvitationLink() => InvitationLink = TempData[InvitationLinkKey] as string;

    protected async Task<IActionResult> InviteAsync(string email, string roleName, string whenExisting)
    {
        var result = await api.RunAsync<UserDocuments.AddUserData>(UserDocuments.AddUserWithRole, new
        {
            addUserWithRoleInput = new { email, roleName },
        });
        var link = result.Data?.UserMutations.AddUserWithRole.InvitationLink;
        TempData[InvitationLinkKey] = link;
        return AfterOperation(result, link is null
            ? whenExisting
            : $"{email} was invited. Send them the one-time link below (it was also mailed if mail is set up).");
    }

    protected async Task<IActionResult> ChangeRoleAsync(string userId, string currentRole, string newRole) =>
        AfterOperation(
            await api.RunAsync<object>(UserDocuments.ChangeRoleForUser, new
            {
                changeRoleForUserInput = new { userId, roleToRevoke = currentRole, roleToAdd = newRole },
            }),
            "The role was changed.");

    protected async Task<IActionResult> RevokeAsync(string userId, string currentRole, string notice) =>
        AfterOperation(
            await api.RunAsync<object>(UserDocuments.ChangeRoleForUser, new
            {
                changeRoleForUserInput = new { userId, roleToRevoke = currentRole },
            }),
            notice);

    protected async Task<IActionResult> ResendAsync(string email, string? tenantId)
    {
        var result = await api.RunAsync<UserDocuments.SendInvitationData>(UserDocuments.SendInvitation, new
        {
            sendInvitationInput = new { email, tenantId, userType = tenantId is null ? "AGENCY" : "ADVERTISER" },
        });
        TempData[InvitationLinkKey] = result.Data?.UserMutations.SendInvitation;
        return AfterOperation(result, $"A new invitation for {email} is below; earlier links no longer work.");
    }
}
