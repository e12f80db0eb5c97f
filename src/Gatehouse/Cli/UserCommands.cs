using System.Globalization;
using System.Text.Json;
using Gatehouse.Data;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Cli;

/// <summary>
/// The <c>users</c> verbs of the operator CLI: the way in for the first host admin, a fresh one-time link
/// for anyone else: to sign up (for instance the admin of an unmanaged account when no SMTP server is
/// configured), or to set a new password after forgetting it; and the expiry date and deactivation of a
/// user, which the API does not offer.
/// </summary>
public sealed class UserCommands(
    GatehouseDbContext db,
    InvitationService invitations,
    TimeProvider clock,
    string baseUrl,
    TextWriter output,
    TextWriter error,
    bool json)
{
    // ISO 8601 date-times; K takes Z, an offset such as +02:00, or nothing, which counts as UTC.
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public async Task<int> AddHostAdminAsync(string input)
    {
        if (!EmailAddresses.TryNormalize(input, out var email))
        {
            await error.WriteLineAsync($"'{input}' is not a valid email address.");
            return 1;
        }

        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.Email == email);
        user ??= db.Users.Add(new User
        {
            Id = Guid.NewGuid(),
            Email = email,
            Status = UserStatus.Pending,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        var hostRole = user.Roles.SingleOrDefault(r => r.TenantId is null);
        if (hostRole is null)
        {
            user.Roles.Add(new UserRole { UserId = user.Id, Action = RoleAction.Admin });
        }
        else
        {
            hostRole.Action = RoleAction.Admin;
        }

        return await InviteAsync(user, "is a host admin", resetPassword: false);
    }

    public async Task<int> InviteAsync(string input)
    {
        EmailAddresses.TryNormalize(input, out var email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email);
        if (user is null)
        {
            await error.WriteLineAsync($"No user with email '{email}'. Add them first, in the hub or the API.");
            return 1;
        }

        // For a user who has a password the link sets a new one: the operator's way to help someone who forgot it.
        return await InviteAsync(
            user,
            user.Status == UserStatus.Pending ? "was invited again" : "can set a new password",
            resetPassword: true);
    }

    /// <summary>
    /// Deactivates the user. Their hub sessions end at once, since each request re-reads the user, and the
    /// new security stamp keeps those sessions ended even after an activation. Their unused invitation
    /// links stop working too, so none can be used once the user is active again.
    /// </summary>
    public async Task<int> DeactivateAsync(string input)
    {
        var user = await FindUserAsync(input);
        if (user is null)
        {
            return 1;
        }

        if (user.Status == UserStatus.Deactivated)
        {
            return await ReportAsync(user, $"User '{user.Email}' was deactivated already; nothing changed.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        user.Status = UserStatus.Deactivated;
        user.SecurityStamp = User.NewSecurityStamp();
        await db.Invitations.Where(i => i.UserId == user.Id).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await ReportAsync(user, $"User '{user.Email}' deactivated. "
            + "Their hub sessions ended and their invitation links stopped working.");
    }

    /// <summary>
    /// Undoes a deactivation: a user who has set a password is activated and signs in with it again; one who
    /// never accepted an invitation is pending again. A user who is not deactivated stays as they are.
    /// </summary>
    public async Task<int> ActivateAsync(string input)
    {
        var user = await FindUserAsync(input);
        if (user is null)
        {
            return 1;
        }

        if (user.Status != UserStatus.Deactivated)
        {
            return await ReportAsync(
                user, $"User '{user.Email}' is not deactivated ({StatusName(user.Status)}); nothing changed.");
        }

        user.Status = user.PasswordHash is null ? UserStatus.Pending : UserStatus.Activated;
        await db.SaveChangesAsync();
        return await ReportAsync(user, user.Status == UserStatus.Activated
            ? $"User '{user.Email}' activated. They sign in with their password as before."
            : $"User '{user.Email}' is pending again. Run 'users invite {user.Email}' for a link to sign up.");
    }

    /// <summary>
    /// Sets the last day, in UTC, on which the user may sign in, or clears it. Once that day has passed
    /// their sessions end at their next request.
    /// </summary>
    public async Task<int> SetExpiryAsync(string input, DateOnly? expiry)
    {
        var user = await FindUserAsync(input);
        if (user is null)
        {
            return 1;
        }

        user.Expiry = expiry;
        await db.SaveChangesAsync();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await ReportAsync(user, expiry switch
        {
            null => $"User '{user.Email}' no longer expires.",
            { } day when day < today =>
                $"User '{user.Email}' expired on {day:yyyy-MM-dd}. They can no longer sign in.",
            { } day => $"User '{user.Email}' may sign in until the end of {day:yyyy-MM-dd} (UTC).",
        });
    }

    /// <summary>
    /// Reads the DATE of <c>set-expiry</c>: an ISO 8601 date, or a date-time (UTC unless it gives an offset)
    /// of which the UTC day counts, or <c>never</c> for no expiry.
    /// </summary>
    public static bool TryParseExpiry(string text, out DateOnly? expiry)
    {
        expiry = null;
        if (string.Equals(text, "never", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var invariant = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day))
        {
            expiry = day;
            return true;
        }

        var utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, invariant, utc, out var moment))
        {
            expiry = DateOnly.FromDateTime(moment.UtcDateTime);
            return true;
        }

        return false;
    }

    private async Task<User?> FindUserAsync(string input)
    {
        EmailAddresses.TryNormalize(input, out var email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email);
        if (user is null)
        {
            await error.WriteLineAsync($"No user with email '{email}'.");
        }

        return user;
    }

    private async Task<int> ReportAsync(User user, string message)
    {
        if (json)
        {
            var result = new Dictionary<string, string?>
            {
                ["email"] = user.Email,
                ["status"] = StatusName(user.Status),
                ["expiry"] = user.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(result));
            return 0;
        }

        await output.WriteLineAsync(message);
        return 0;
    }

    private static string StatusName(UserStatus status) => status switch
    {
        UserStatus.Activated => "activated",
        UserStatus.Pending => "pending",
        UserStatus.Deactivated => "deactivated",
        _ => status.ToString(),
    };

    private async Task<int> InviteAsync(User user, string what, bool resetPassword)
    {
        // A deactivated user can neither use a link nor sign in: the operator activates them first,
        // rather than receive a link that the page it opens refuses, or a role nobody can use.
        if (user.Status == UserStatus.Deactivated)
        {
            await error.WriteLineAsync(
                $"User '{user.Email}' is deactivated; run 'users activate {user.Email}' first.");
            return 1;
        }

        var link = user.Status == UserStatus.Pending || resetPassword
            ? await invitations.IssueAsync(user, baseUrl, default)
            : null;
        await db.SaveChangesAsync();
        if (json)
        {
            var result = new Dictionary<string, string?> { ["email"] = user.Email, ["invitation_link"] = link };
            await output.WriteLineAsync(JsonSerializer.Serialize(result));
            return 0;
        }

        await output.WriteLineAsync(link is null
            ? $"{user.Email} {what}; they have a password already and sign in at {baseUrl}/auth/login."
            : $"""
                {user.Email} {what}. Send them this one-time link to set a password:
                  {link}
                It expires in {invitations.Lifetime.TotalDays:0} days; run this command again for a new one.
                """);
        return 0;
    }
}
