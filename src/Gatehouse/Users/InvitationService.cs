using System.Buffers.Text;
using System.Security.Cryptography;
using Gatehouse.ApiAccounts;
using Gatehouse.Data;
using Gatehouse.Hub;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Users;

/// <summary>
/// Issues and redeems invitation links of the form <c>BASE/auth/verify/?token=...&amp;et=inv&amp;email=...</c>,
/// like Meta's gateway. Tokens carry 128 random bits (22 URL-safe characters, as in the samples); only their
/// SHA-256 hash is stored. A new invitation replaces the user's earlier ones, and accepting one uses it up.
/// </summary>
public sealed partial class InvitationService(
    GatehouseDbContext db,
    TimeProvider clock,
    IOptions<HubOptions> options,
    IServiceProvider services,
    ILogger<InvitationService> logger)
{
    public TimeSpan Lifetime => options.Value.InvitationLifetime;

    /// <summary>
    /// Adds a new invitation for the user to the context (the caller saves) and returns its link, which shows
    /// the email as the inviter typed it when given (the stored one is lower-cased; either works).
    /// </summary>
    public async Task<string> IssueAsync(
        User user,
        string baseUrl,
        CancellationToken cancellationToken,
        string? emailAsTyped = null)
    {
        await db.Invitations.Where(i => i.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow().UtcDateTime;
        db.Invitations.Add(new Invitation
        {
            TokenHash = Secrets.Hash(token),
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + options.Value.InvitationLifetime,
        });
        var email = EscapeEmail(emailAsTyped ?? user.Email);
        return $"{baseUrl.TrimEnd('/')}/auth/verify/?token={token}&et=inv&email={email}";
    }

    /// <summary>
    /// Queues the link for mailing when SMTP is configured; a background sender delivers it. A failure is
    /// logged and does not undo the invitation: the link is also returned to whoever invited, who can pass
    /// it on another way.
    /// </summary>
    public bool Mail(string email, string link, string? accountName)
    {
        var expiresAt = clock.GetUtcNow().UtcDateTime + options.Value.InvitationLifetime;
        return services.GetService<InvitationOutbox>()
            ?.TryEnqueue(new InvitationMail(email, link, accountName, expiresAt)) ?? false;
    }

    /// <summary>The user an unused, unexpired invitation belongs to, if the email matches; otherwise null.</summary>
    public async Task<User?> FindUserAsync(string? token, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 || string.IsNullOrEmpty(email))
        {
            return null;
        }

        var hash = Secrets.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = email.Trim().ToLowerInvariant();
        return await db.Users
            .Where(u => u.Email == normalized
                && db.Invitations.Any(i => i.TokenHash == hash && i.UserId == u.Id && i.ExpiresAt > now))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Sets the password of the invited user, activates them, records the sign-in that follows and uses up
    /// their invitations. A user who is deactivated or past their expiry date is refused with
    /// <see cref="SignInOutcome.Inactive"/> and nothing about them changes.
    /// </summary>
    public async Task<(SignInOutcome Outcome, User? User)> AcceptAsync(
        string token,
        string email,
        string password,
        CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(token, email, cancellationToken);
        if (user is null)
        {
            return (SignInOutcome.Invalid, null);
        }

        // The invitation is kept too. Opening the link already shows the refusal, and opening must
        // stay a safe read because mail scanners open links; posting the form is refused alike.
        // Deactivating a user deletes their invitations, so a kept link works again only when an
        // admin extends an expired user's access before the link itself expires.
        if (HubSession.IsDeactivatedOrExpired(user, clock))
        {
            Log.Refused(logger, user.Id);
            return (SignInOutcome.Inactive, null);
        }

        user.PasswordHash = PasswordSignIn.Hash(user, password);
        user.SecurityStamp = User.NewSecurityStamp();
        user.Status = UserStatus.Activated;
        user.FailedSignIns = 0;
        user.LockedUntil = null;

        // Accepting signs the user in, so it counts as their first (or latest) sign-in.
        user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
        await db.Invitations.Where(i => i.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Entry(user).Collection(u => u.Roles).LoadAsync(cancellationToken);
        Log.Accepted(logger, user.Id);
        return (SignInOutcome.Succeeded, user);
    }

    /// <summary>The base of links: the configured public address, or else the request's own.</summary>
    public string BaseUrl(HttpRequest? request) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured
        : request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}"
        : "http://localhost:8080";

    // The samples print the address as typed, with its '@'; everything else that could break the URL is escaped.
    private static string EscapeEmail(string email) =>
        Uri.EscapeDataString(email).Replace("%40", "@", StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Information, "User {UserId} accepted an invitation and set a password",
            EventName = "InvitationAccepted")]
        public static partial void Accepted(ILogger logger, Guid userId);

        [LoggerMessage(4, LogLevel.Warning,
            "Invitation of user {UserId} refused: the user is deactivated or expired",
            EventName = "InvitationRefused")]
        public static partial void Refused(ILogger logger, Guid userId);
    }
}

/// <summary>An invitation to deliver by mail.</summary>
public sealed record InvitationMail(string To, string Link, string? AccountName, DateTime ExpiresAt);

/// <summary>Delivers invitation mails; registered only when SMTP is configured.</summary>
public interface IInvitationMailer
{
    Task SendAsync(InvitationMail mail, CancellationToken cancellationToken);
}
