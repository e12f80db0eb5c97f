using Gatehouse.Hub;
using Gatehouse.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gatehouse.Pages.Auth;

/// <summary>The target of invitation links: <c>/auth/verify/?token=...&amp;et=inv&amp;email=...</c>.</summary>
public sealed class VerifyModel(
    InvitationService invitations,
    TimeProvider clock,
    IOptions<HubOptions> options) : PageModel
{
    public string? Token { get; private set; }

    public string? Email { get; private set; }

    public bool IsValid { get; private set; }

    /// <summary>
    /// Whether the link is valid but its user is deactivated or past their expiry date, so that it cannot be
    /// accepted; the page says so instead of offering the password form.
    /// </summary>
    public bool IsInactive { get; private set; }

    /// <summary>Whether the link resets the password of someone who has one, rather than inviting them.</summary>
    public bool HasPassword { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Confirm { get; set; } = "";

    public int MinimumLength => options.Value.MinimumPasswordLength;

    public async Task OnGetAsync(string? token, string? email)
    {
        (Token, Email) = (token, email);
        var user = await invitations.FindUserAsync(token, email, HttpContext.RequestAborted);
        IsValid = user is not null;
        IsInactive = user is not null && HubSession.IsDeactivatedOrExpired(user, clock);
        HasPassword = user?.PasswordHash is not null;
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? email)
    {
        await OnGetAsync(token, email);
        Error = !IsValid || IsInactive ? null
            : Password.Length < MinimumLength ? $"The password must have at least {MinimumLength} characters."
            : Password != Confirm ? "The two passwords differ."
            : string.Equals(Password, email, StringComparison.OrdinalIgnoreCase) ? "The password cannot be your email."
            : null;
        if (!IsValid || IsInactive || Error is not null)
        {
            return Page();
        }

        var (outcome, user) = await invitations.AcceptAsync(
            token!, email!, Password, HttpContext.RequestAborted);
        if (user is null)
        {
            (IsValid, IsInactive) = (outcome != SignInOutcome.Invalid, outcome == SignInOutcome.Inactive);
            return Page();
        }

        await HubSession.SignInAsync(HttpContext, user);
        TempData[HubPageModel.NoticeKey] = "Your password is set. Welcome to the hub.";
        return Redirect("/hub/");
    }
}
