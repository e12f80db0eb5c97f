using Gatehouse.Access;
using Gatehouse.Hub;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Pages.Hub.Users;

/// <summary>The host's own users: invite, change role, revoke, invite again.</summary>
public sealed class IndexModel(HubApi api, HostUsers hostUsers) : HubPageModel
{
    public List<HostUser> Users { get; private set; } = [];

    public bool CanManage { get; private set; }

    public string? InvitationLink { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!AccessPolicy.CanViewHostUsers(Caller))
        {
            return Forbid();
        }

        CanManage = AccessPolicy.CanManageHostUsers(Caller);
        Users = await hostUsers.ListAsync(Caller, HttpContext.RequestAborted);
        InvitationLink = TempData["InvitationLink"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(string email, string role)
    {
        var result = await api.RunAsync<UserDocuments.AddUserData>(UserDocuments.AddUserWithRole, new
        {
            addUserWithRoleInput = new { email, roleName = $"agency-{role}" },
        });
        var added = result.Data?.UserMutations.AddUserWithRole;
        TempData["InvitationLink"] = added?.InvitationLink;
        return AfterOperation(result, added?.InvitationLink is null
            ? $"{email} is now a host user. They sign in with their existing password."
            : $"{email} was invited. Send them the one-time link below (it was also mailed if mail is set up).");
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(string userId, string currentRole, string role) =>
        AfterOperation(
            await api.RunAsync<object>(UserDocuments.ChangeRoleForUser, new
            {
                changeRoleForUserInput = new { userId, roleToRevoke = currentRole, roleToAdd = $"agency-{role}" },
            }),
            "The role was changed.");

    public async Task<IActionResult> OnPostRevokeAsync(string userId, string currentRole, string email) =>
        AfterOperation(
            await api.RunAsync<object>(UserDocuments.ChangeRoleForUser, new
            {
                changeRoleForUserInput = new { userId, roleToRevoke = currentRole },
            }),
            $"{email} is no longer a host user.");

    public async Task<IActionResult> OnPostResendAsync(string email)
    {
        var result = await api.RunAsync<UserDocuments.SendInvitationData>(UserDocuments.SendInvitation, new
        {
            sendInvitationInput = new { email, userType = "AGENCY" },
        });
        TempData["InvitationLink"] = result.Data?.UserMutations.SendInvitation;
        return AfterOperation(result, $"A new invitation for {email} is below; earlier links no longer work.");
    }
}
