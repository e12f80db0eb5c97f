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

    /// <summary>An activated user whose expiry date, if any, has not passed.</summary>
    public static bool CanSignIn(User user, TimeProvider clock) =>
        user.Status == UserStatus.Activated
        && (user.Expiry is not { } expiry || expiry >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>Starts a session for the user.</summary>
    public static Task SignInAsync(HttpContext context, User user) =>
        context.SignInAsync(SchemeName, Caller.ForUser(user).ToPrincipal(SchemeName, user.SecurityStamp));
}
