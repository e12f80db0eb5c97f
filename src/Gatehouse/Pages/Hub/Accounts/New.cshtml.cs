using Gatehouse.Access;
using Gatehouse.Hub;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Pages.Hub.Accounts;

/// <summary>Creates an account with the documented createTenant operation.</summary>
public sealed class NewModel(HubApi api) : HubPageModel
{
    private const string CreateTenant = """
        mutation CreateTenantMutation($input: CreateTenantInput!) {
          tenantMutations { createTenant(input: $input) { tenant { id name } } }
        }
        """;

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public bool CanPartnerManage { get; set; } = true;

    [BindProperty]
    public string? AdminEmail { get; set; }

    [BindProperty]
    public bool EventEnrichment { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => AccessPolicy.CanCreateTenant(Caller) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await api.RunAsync<CreateData>(CreateTenant, new
        {
            input = new
            {
                name = Name,
                canPartnerManage = CanPartnerManage,
                adminEmail = string.IsNullOrWhiteSpace(AdminEmail) ? null : AdminEmail,
                eventEnrichment = EventEnrichment,
            },
        });
        if (result.Data?.TenantMutations.CreateTenant.Tenant is not { } tenant)
        {
            Error = result.ErrorMessage;
            return Page();
        }

        return RedirectWithNotice(CanPartnerManage
            ? $"The account {tenant.Name} was created."
            : $"The account {tenant.Name} was created; its admin was invited and only they can open it now.",
            CanPartnerManage ? $"/hub/accounts/{tenant.Id}" : "/hub/");
    }

    public sealed record CreateData(CreateGroup TenantMutations);

    public sealed record CreateGroup(CreateResult CreateTenant);

    public sealed record CreateResult(CreatedTenant Tenant);

    public sealed record CreatedTenant(string Id, string Name);
}
