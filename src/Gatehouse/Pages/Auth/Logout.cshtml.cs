using Gatehouse.Hub;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.Pages.Auth;

/// <summary>Signing out is a POST with an antiforgery token, so no other site can sign a user out.</summary>
public sealed class LogoutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(HubSession.SchemeName);
        return RedirectToPage();
    }
}
