using Gatehouse.Access;
using Gatehouse.ApiAccounts;
using Gatehouse.Hub;
using Gatehouse.Users;
using Microsoft.AspNetCore.Mvc;

namespace Gatehouse.Pages.Hub.Settings;

/// <summary>
/// API accounts (Meta's hub calls them clients): list, add after re-entering the password, delete. The
/// secret of a new account is shown once, on the page that created it, and never stored in clear.
/// </summary>
public sealed class ClientsModel(ApiAccountService accounts, PasswordSignIn passwords) : HubPageModel
{
    public List<ApiAccount> Accounts { get; private set; } = [];

    public ApiAccountCreation? Created { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!AccessPolicy.CanManageApiAccounts(Caller))
        {
            return Forbid();
        }

        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!AccessPolicy.CanManageApiAccounts(Caller))
        {
            return Forbid();
        }

        var ct = HttpContext.RequestAborted;
        if (!await passwords.ConfirmAsync(Caller.Id, Password, ct))
        {
            Error = "Your password is not right, so no API account was added.";
        }
        else
        {
            Created = await accounts.CreateAsync(Name.Trim(), ct);
            Error = Created.Error;
        }

        // The secret is rendered into this response only: a redirect would have to carry it somewhere.
        // Forms show what was posted; after a success the name field starts empty again.
        ModelState.Remove(nameof(Password));
        if (Created?.Secret is not null)
        {
            ModelState.Remove(nameof(Name));
            Name = "";
        }

        Password = "";
        Accounts = await accounts.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name)
    {
        if (!AccessPolicy.CanManageApiAccounts(Caller))
        {
            return Forbid();
        }

        return await accounts.RemoveAsync(name, HttpContext.RequestAborted)
            ? RedirectWithNotice($"The API account {name} was deleted. Integrations using it have stopped.")
            : RedirectWithError($"There is no API account named {name}.");
    }
}
