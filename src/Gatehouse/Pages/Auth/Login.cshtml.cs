using Gatehouse.Hub;
using Gatehouse.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.Pages.Auth;

public sealed class LoginModel(PasswordSignIn signIn) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var (outcome, user) = await signIn.CheckAsync(Email, Password, HttpContext.RequestAborted);
        Error = outcome switch
        {
            SignInOutcome.Succeeded => null,
            SignInOutcome.LockedOut => "Too many failed attempts. This account is locked for a while; try later.",
            SignInOutcome.Inactive => "This account is deactivated or has expired. Ask an admin to renew it.",
            _ => "The email or password is not right.",
        };
        if (user is null)
        {
            return Page();
        }

        await HubSession.SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/hub/");
    }
}
