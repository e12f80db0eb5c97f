using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Hub;

/// <summary>
/// The hub's session cookie. Each request re-reads the user and their roles, so that a revoked role, a
/// deactivation, an expiry date or a password change takes effect at once on every instance.
/// </summary>
public sealed class HubSession(GatehouseDbContext db, TimeProvider clock) : CookieAuthenticationEvents
{
    public const string SchemeName = "HubSession";

    public const string CookieName = "gatehouse_session";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var caller = Caller.From(context.Principal);
        var stamp = context.Principal?.FindFirst(Caller.StampClaim)?.Value;
        var user = caller?.Kind == CallerKind.User
            ? await db.Users.AsNoTracking().Include(u => u.Roles)
                .SingleOrDefaultAsync(u => u.Id == caller.Id, context.HttpContext.RequestAborted)
            : null;
        if (user is null || user.SecurityStamp != stamp || !CanSignIn(user, clock))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }

        context.ReplacePrincipal(Caller.ForUser(user).ToPrincipal(SchemeName, user.SecurityStamp));
    }

    /// <summary>An activated user who is neither deactivated nor past their expiry date.</summary>
    public static bool CanSignIn(User user, TimeProvider clock) =>
        user.Status == UserStatus.Activated && !IsDeactivatedOrExpired(user, clock);

    /// <summary>
    /// Whether the user is deactivated or the last day of their access has passed. Either keeps them out of
    /// the hub: they cannot sign in, keep a session, or accept an invitation to set a password.
    /// </summary>
    public static bool IsDeactivatedOrExpired(User user, TimeProvider clock) =>
        user.Status == UserStatus.Deactivated
        || (user.Expiry is { } expiry && expiry < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>Starts a session for the user.</summary>
    public static Task SignInAsync(HttpContext context, User user) =>
        context.SignInAsync(SchemeName, Caller.ForUser(user).ToPrincipal(SchemeName, user.SecurityStamp));
}
