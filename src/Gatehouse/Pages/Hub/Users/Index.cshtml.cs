using Gatehouse.Access;
using Gatehouse.Hub;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Pages.Hub.Users;

/// <summary>The host's own users: invite, change role, revoke, invite again.</summary>
public sealed class IndexModel(HubApi api, HostUsers hostUsers) : UserManagementPageModel(api)
{
    public List<HostUser> Users { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!AccessPolicy.CanViewHostUsers(Caller))
        {
            return Forbid();
        }

        CanManage = AccessPolicy.CanManageHostUsers(Caller);
        Users = await hostUsers.ListAsync(Caller, HttpContext.RequestAborted);
        ReadInvitationLink();
        return Page();
    }

    public Task<IActionResult> OnPostInviteAsync(string email, string role) =>
        InviteAsync(email, $"agency-{role}", $"{email} is now a host user. They sign in with their existing password.");

    public Task<IActionResult> OnPostChangeRoleAsync(string userId, string currentRole, string role) =>
        ChangeRoleAsync(userId, currentRole, $"agency-{role}");

    public Task<IActionResult> OnPostRevokeAsync(string userId, string currentRole, string email) =>
        RevokeAsync(userId, currentRole, $"{email} is no longer a host user.");

    public Task<IActionResult> OnPostResendAsync(string email) => ResendAsync(email, tenantId: null);
}
