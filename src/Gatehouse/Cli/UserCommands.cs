using System.Text.Json;
using Gatehouse.Data;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Cli;

/// <summary>
/// The <c>users</c> verbs of the operator CLI: the way in for the first host admin, and a fresh one-time link
/// for anyone else: to sign up (for instance the admin of an unmanaged account when no SMTP server is
/// configured), or to set a new password after forgetting it.
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

    private async Task<int> InviteAsync(User user, string what, bool resetPassword)
    {
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
