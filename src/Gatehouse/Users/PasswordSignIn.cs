using Gatehouse.Data;
using Gatehouse.Hosting;
using Gatehouse.Hub;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Users;

/// <summary>
/// Checks email and password for the hub. Passwords are hashed with ASP.NET Core Identity's PBKDF2 hasher,
/// which compares in constant time. After <see cref="HubOptions.LockoutFailures"/> failures in a row the
/// user is locked out for <see cref="HubOptions.LockoutDuration"/>, whatever password is sent.
/// </summary>
public sealed partial class PasswordSignIn(
    GatehouseDbContext db,
    TimeProvider clock,
    IOptions<HubOptions> options,
    GatehouseMetrics metrics,
    ILogger<PasswordSignIn> logger)
{
    private static readonly PasswordHasher<User> Hasher = new();

    // Verified when the email is unknown, so that an unknown email costs as much time as a wrong password.
    private static readonly string UnknownUserHash =
        Hasher.HashPassword(new User { Email = "" }, Guid.NewGuid().ToString());

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    public async Task<(SignInOutcome Outcome, User? User)> CheckAsync(
        string email,
        string password,
        CancellationToken cancellationToken)
    {
        var checkedSignIn = await VerifyAsync(email, password, cancellationToken);
        metrics.SignedIn(checkedSignIn.Outcome);
        return checkedSignIn;
    }

    private async Task<(SignInOutcome Outcome, User? User)> VerifyAsync(
        string email,
        string password,
        CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(new User { Email = "" }, UnknownUserHash, password);
            Log.Refused(logger, "unknown user or no password");
            return (SignInOutcome.Invalid, null);
        }

        if (user.LockedUntil > now)
        {
            Log.LockedOut(logger, user.Id);
            return (SignInOutcome.LockedOut, null);
        }

        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(user, now, cancellationToken);
            return (user.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.Invalid, null);
        }

        if (!HubSession.CanSignIn(user, clock))
        {
            Log.Inactive(logger, user.Id);
            return (SignInOutcome.Inactive, null);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        await db.SaveChangesAsync(cancellationToken);
        Log.SignedIn(logger, user.Id);
        return (SignInOutcome.Succeeded, user);
    }

    /// <summary>
    /// Checks the password of a signed-in user who confirms a sensitive action. A wrong password counts
    /// towards the lockout like a failed sign-in, so a left-open session cannot be used to guess it.
    /// </summary>
    public async Task<bool> ConfirmAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user?.PasswordHash is null || user.LockedUntil > now)
        {
            return false;
        }

        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "") == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(user, now, cancellationToken);
            return false;
        }

        return true;
    }

    // The count is raised in the database, so parallel guesses cannot slip past the limit.
    private async Task CountFailureAsync(User user, DateTime now, CancellationToken cancellationToken)
    {
        var row = db.Users.Where(u => u.Id == user.Id);
        await row.ExecuteUpdateAsync(
            set => set.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), cancellationToken);
        var failures = await row.Select(u => u.FailedSignIns).SingleAsync(cancellationToken);
        if (failures < options.Value.LockoutFailures)
        {
            Log.Refused(logger, "wrong password");
            return;
        }

        user.LockedUntil = now + options.Value.LockoutDuration;
        await row.ExecuteUpdateAsync(
            set => set.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, user.LockedUntil),
            cancellationToken);
        Log.LockedOut(logger, user.Id);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "User {UserId} signed in to the hub", EventName = "HubSignedIn")]
        public static partial void SignedIn(ILogger logger, Guid userId);

        [LoggerMessage(2, LogLevel.Warning, "Hub sign-in refused: {Reason}", EventName = "HubSignInRefused")]
        public static partial void Refused(ILogger logger, string reason);

        [LoggerMessage(3, LogLevel.Warning, "User {UserId} is locked out of the hub after repeated failed sign-ins",
            EventName = "HubLockedOut")]
        public static partial void LockedOut(ILogger logger, Guid userId);

        [LoggerMessage(4, LogLevel.Warning, "User {UserId} gave the right password but is deactivated or expired",
            EventName = "HubSignInInactive")]
        public static partial void Inactive(ILogger logger, Guid userId);
    }
}

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
    Inactive,
}
