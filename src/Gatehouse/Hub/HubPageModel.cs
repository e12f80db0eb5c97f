using Gatehouse.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.Hub;

/// <summary>
/// What every signed-in hub page shares: the caller, and messages that survive the redirect after a form is
/// posted (post, redirect, get), so that reloading a page never sends a form twice.
/// </summary>
public abstract class HubPageModel : PageModel
{
    public const string NoticeKey = "Notice";
    public const string ErrorKey = "Error";

    public Caller Caller => Caller.From(User) ?? throw new InvalidOperationException("The hub requires sign-in.");

    protected IActionResult RedirectWithNotice(string notice, string? url = null)
    {
        TempData[NoticeKey] = notice;
        return url is null ? RedirectToPage() : Redirect(url);
    }

    protected IActionResult RedirectWithError(string error, string? url = null)
    {
        TempData[ErrorKey] = error;
        return url is null ? RedirectToPage() : Redirect(url);
    }

    /// <summary>The answer to a form that ran an API operation: its error, or the notice.</summary>
    protected IActionResult AfterOperation<T>(HubApiResult<T> result, string notice, string? url = null) =>
        result.Errors.Count > 0 ? RedirectWithError(result.ErrorMessage) : RedirectWithNotice(notice, url);
}
