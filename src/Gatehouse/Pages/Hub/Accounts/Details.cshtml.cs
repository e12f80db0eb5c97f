using Gatehouse.Hub;
using Gatehouse.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Pages.Hub.Accounts;

/// <summary>
/// One account: its usage, users and roles, and the forms that change them. Every form runs the documented
/// API operation (updateTenant, deleteTenant, addUserWithRole, changeRoleForUser, sendInvitation), so the
/// page can do exactly what the signed-in user's role allows through the API.
/// </summary>
public sealed class DetailsModel(HubApi api) : HubPageModel
{
    private const string UpdateTenant = """
        mutation TenantEditNameModalMutation($input: UpdateTenantInput!) {
          tenantMutations { updateTenant(input: $input) { tenant { id } } }
        }
        """;

    private const string DeleteTenant = """
        mutation DeleteTenantMutation($tenantId: String!) { tenantMutations { deleteTenant(tenantId: $tenantId) } }
        """;

    public AccountView.TenantData Account { get; private set; } = null!;

    public string? InvitationLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var result = await api.RunAsync<AccountView>(AccountView.Document, new { tenantId = id });
        if (result.Data?.Tenant is not { } tenant)
        {
            return NotFound();
        }

        Account = tenant;
        InvitationLink = TempData["InvitationLink"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(string id, string name) =>
        AfterOperation(
            await api.RunAsync<object>(UpdateTenant, new { input = new { tenantId = id, name } }),
            "The account was renamed.");

    public async Task<IActionResult> OnPostStatusAsync(string id, int status) =>
        AfterOperation(
            await api.RunAsync<object>(UpdateTenant, new { input = new { tenantId = id, status } }),
            $"The account is now {StatusName(status)}.");

    public async Task<IActionResult> OnPostDeleteAsync(string id, string? confirmName)
    {
        var current = await api.RunAsync<AccountView>(AccountView.Document, new { tenantId = id });
        if (current.Data?.Tenant is not { } tenant)
        {
            return NotFound();
        }

        if (!string.Equals(confirmName?.Trim(), tenant.Name, StringComparison.Ordinal))
        {
            return RedirectWithError("Type the account's name exactly to confirm that it should be deleted.");
        }

        return AfterOperation(
            await api.RunAsync<object>(DeleteTenant, new { tenantId = id }),
            $"The account {tenant.Name} was deleted.",
            "/hub/");
    }

    public async Task<IActionResult> OnPostInviteAsync(string id, string email, string role)
    {
        var result = await api.RunAsync<UserDocuments.AddUserData>(UserDocuments.AddUserWithRole, new
        {
            addUserWithRoleInput = new { email, roleName = $"advertiser-{role}-{id}" },
        });
        var added = result.Data?.UserMutations.AddUserWithRole;
        TempData["InvitationLink"] = added?.InvitationLink;
        return AfterOperation(result, added?.InvitationLink is null
            ? $"{email} was added to the account. They sign in with their existing password."
            : $"{email} was invited. Send them the one-time link below (it was also mailed if mail is set up).");
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(string id, string userId, string currentRole, string role) =>
        AfterOperation(
            await api.RunAsync<object>(UserDocuments.ChangeRoleForUser, new
            {
                changeRoleForUserInput = new { userId, roleToRevoke = currentRole, roleToAdd = $"advertiser-{role}-{id}" },
            }),
            "The role was changed.");

    public async Task<IActionResult> OnPostRevokeAsync(string userId, string currentRole, string email) =>
        AfterOperation(
            await api.RunAsync<object>(UserDocuments.ChangeRoleForUser, new
            {
                changeRoleForUserInput = new { userId, roleToRevoke = currentRole },
            }),
            $"{email} no longer has access to this account.");

    public async Task<IActionResult> OnPostResendAsync(string id, string email)
    {
        var result = await api.RunAsync<UserDocuments.SendInvitationData>(UserDocuments.SendInvitation, new
        {
            sendInvitationInput = new { email, tenantId = id, userType = "ADVERTISER" },
        });
        TempData["InvitationLink"] = result.Data?.UserMutations.SendInvitation;
        return AfterOperation(result, $"A new invitation for {email} is below; earlier links no longer work.");
    }

    public static string StatusName(int status) => (TenantStatus)status switch
    {
        TenantStatus.Active => "active",
        TenantStatus.PendingConfiguration => "pending configuration",
        _ => "deactivated",
    };
}
