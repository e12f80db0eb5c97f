using Gatehouse.Hub;
using Gatehouse.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Pages.Hub.Accounts;

/// <summary>
/// One account: its usage, users and roles, and the forms that change them. Every form runs the documented
/// API operation (updateTenant, deleteTenant, addUserWithRole, changeRoleForUser, sendInvitation), so the
/// page can do exactly what the signed-in user's role allows through the API.
/// </summary>
public sealed class DetailsModel(HubApi api) : UserManagementPageModel(api)
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

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var result = await Api.RunAsync<AccountView>(AccountView.Document, new { tenantId = id });
        if (result.Data?.Tenant is not { } tenant)
        {
            return NotFound();
        }

        Account = tenant;
        ReadInvitationLink();
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(string id, string name) =>
        AfterOperation(
            await Api.RunAsync<object>(UpdateTenant, new { input = new { tenantId = id, name } }),
            "The account was renamed.");

    public async Task<IActionResult> OnPostStatusAsync(string id, int status) =>
        AfterOperation(
            await Api.RunAsync<object>(UpdateTenant, new { input = new { tenantId = id, status } }),
            $"The account is now {StatusName(status)}.");

    public async Task<IActionResult> OnPostDeleteAsync(string id, string? confirmName)
    {
        var current = await Api.RunAsync<AccountView>(AccountView.Document, new { tenantId = id });
        if (current.Data?.Tenant is not { } tenant)
        {
            return NotFound();
        }

        if (!string.Equals(confirmName?.Trim(), tenant.Name, StringComparison.Ordinal))
        {
            return RedirectWithError("Type the account's name exactly to confirm that it should be deleted.");
        }

        return AfterOperation(
            await Api.RunAsync<object>(DeleteTenant, new { tenantId = id }),
            $"The account {tenant.Name} was deleted.",
            "/hub/");
    }

    public Task<IActionResult> OnPostInviteAsync(string id, string email, string role) =>
        InviteAsync(email, $"advertiser-{role}-{id}",
            $"{email} was added to the account. They sign in with their existing password.");

    public Task<IActionResult> OnPostChangeRoleAsync(string id, string userId, string currentRole, string role) =>
        ChangeRoleAsync(userId, currentRole, $"advertiser-{role}-{id}");

    public Task<IActionResult> OnPostRevokeAsync(string userId, string currentRole, string email) =>
        RevokeAsync(userId, currentRole, $"{email} no longer has access to this account.");

    public Task<IActionResult> OnPostResendAsync(string id, string email) => ResendAsync(email, id);

    public static string StatusName(int status) => (TenantStatus)status switch
    {
        TenantStatus.Active => "active",
        TenantStatus.PendingConfiguration => "pending configuration",
        _ => "deactivated",
    };
}
