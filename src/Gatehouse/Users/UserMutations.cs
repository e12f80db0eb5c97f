using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Users;

/// <summary>The <c>userMutations</c> group of the hub schema: add users, change their roles, invite them.</summary>
public sealed partial class UserMutations : ObjectGraphType
{
    public UserMutations()
    {
        Name = "UserMutations";
        Description = "Mutations that add users, change their roles and invite them.";

        Field<NonNullGraphType<AddUserResponseType>>("addUserWithRole")
            .Description("Adds a user with a role, creating and inviting them if the email is new.")
            .Argument<NonNullGraphType<AddUserWithRoleInputType>>("input", "The user's email and role.")
            .ResolveAsync(async context => await AddUserWithRoleAsync(context));
        Field<NonNullGraphType<ChangeRoleForUserResponseType>>("changeRoleForUser")
            .Description("Takes a role away from a user and/or gives them one; a user holds one role per account "
                + "and one at the host. Taking away a user's last role removes the user.")
            .Argument<NonNullGraphType<ChangeRoleForUserInputType>>("input", "The user and the roles to change.")
            .ResolveAsync(async context => await ChangeRoleAsync(context));
        Field<NonNullGraphType<StringGraphType>>("sendInvitation")
            .Description("Creates a new invitation link for a pending user and returns it; when SMTP is "
                + "configured it is also mailed. Earlier links of that user stop working.")
            .Argument<NonNullGraphType<SendInvitationInputType>>("input", "Whom to invite.")
            .ResolveAsync(async context => await SendInvitationAsync(context));
    }

    private static async Task<AddUserResponse> AddUserWithRoleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<AddUserWithRoleInput>("input");
        var caller = context.GetCaller();
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        if (!EmailAddresses.TryNormalize(input.Email, out var email))
        {
            throw UserErrors.EmailInvalid("input.email", input.Email);
        }

        var (role, tenant) = await FindAssignableRoleAsync(context, "input.roleName", input.RoleName, "add users");
        var (user, existed) = await AddRoleAsync(context, email, role);

        var invitations = context.GetService<InvitationService>();
        var link = user.Status == UserStatus.Pending
            ? await invitations.IssueAsync(user, invitations.BaseUrl(context.GetHttpRequest()), ct, input.Email.Trim())
            : null;
        await db.SaveChangesAsync(ct);

        Log.RoleAdded(context.GetService<ILogger<UserMutations>>(), user.Id, role.Name, caller.Name);
        if (link is not null)
        {
            invitations.Mail(user.Email, link, tenant?.Name);
        }

        return new AddUserResponse(existed, link, user);
    }

    /// <summary>
    /// Gives the role to the user with this email, adding them as a pending user when the email is new. A
    /// user already in the role's account (or at the host, for a host role) is a conflict.
    /// </summary>
    private static async Task<(User User, bool Existed)> AddRoleAsync(
        IResolveFieldContext context,
        string email,
        Role role)
    {
        var db = context.GetService<GatehouseDbContext>();

        // Limitation: two requests at the same moment that add the same new email both try to insert the user,
        // and the second fails with an internal error on the unique email index.
        var user = await db.Users.Include(u => u.Roles)
            .SingleOrDefaultAsync(u => u.Email == email, context.CancellationToken);
        var existed = user is not null;
        if (user?.Roles.Any(r => r.TenantId == role.TenantId) == true)
        {
            throw UserErrors.AlreadyInScope(role.TenantId);
        }

        user ??= db.Users.Add(new User
        {
            Id = Guid.NewGuid(),
            Email = email,
            Status = UserStatus.Pending,
            CreatedAt = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime,
        }).Entity;
        user.Roles.Add(new UserRole { UserId = user.Id, TenantId = role.TenantId, Action = role.Action });
        user.DefaultTenantId ??= role.TenantId;
        return (user, existed);
    }

    private static async Task<UserPayload> ChangeRoleAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<ChangeRoleForUserInput>("input");
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        if (string.IsNullOrEmpty(input.RoleToRevoke) && string.IsNullOrEmpty(input.RoleToAdd))
        {
            throw UserErrors.NothingToChange();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await FindVisibleUserAsync(context, input.UserId);
        var revoke = string.IsNullOrEmpty(input.RoleToRevoke)
            ? null
            : FindHeldRole(context, user, input.RoleToRevoke);
        var add = string.IsNullOrEmpty(input.RoleToAdd)
            ? null
            : (await FindAssignableRoleAsync(context, "input.roleToAdd", input.RoleToAdd, "give this role")).Role;
        if (add is not null && user.Roles.Any(r => r.TenantId == add.TenantId && r != revoke))
        {
            throw UserErrors.AlreadyInScope(add.TenantId);
        }

        if (revoke is not null && !await LeavesAnAdminAsync(db, revoke, add, ct))
        {
            throw UserErrors.LastAdmin(revoke.TenantId);
        }

        Apply(db, user, revoke, add);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Log.RoleChanged(context.GetService<ILogger<UserMutations>>(), user.Id, input.RoleToRevoke, input.RoleToAdd,
            context.GetCaller().Name);
        return new UserPayload(user);
    }

    /// <summary>Whether the account (or the host) of the revoked role keeps an admin after the change.</summary>
    private static async Task<bool> LeavesAnAdminAsync(
        GatehouseDbContext db,
        UserRole revoke,
        Role? add,
        CancellationToken cancellationToken)
    {
        var readdsAdmin = add is { Action: RoleAction.Admin } && add.TenantId == revoke.TenantId;
        if (revoke.Action != RoleAction.Admin || readdsAdmin)
        {
            return true;
        }

        // Limitation: two requests at the same moment that each revoke one of an account's last two admins can
        // both pass this check and leave the account without an admin.
        return await db.UserRoles.AnyAsync(
            r => r.TenantId == revoke.TenantId && r.Action == RoleAction.Admin && r.Id != revoke.Id,
            cancellationToken);
    }

    private static void Apply(GatehouseDbContext db, User user, UserRole? revoke, Role? add)
    {
        if (revoke is not null)
        {
            user.Roles.Remove(revoke);
            db.UserRoles.Remove(revoke);
        }

        if (add is not null)
        {
            user.Roles.Add(new UserRole { UserId = user.Id, TenantId = add.TenantId, Action = add.Action });
        }

        if (user.DefaultTenantId is null || user.Roles.All(r => r.TenantId != user.DefaultTenantId))
        {
            user.DefaultTenantId = user.Roles.Select(r => r.TenantId).OfType<string>()
                .Order(StringComparer.Ordinal).FirstOrDefault();
        }

        // A user with no role left can reach nothing; like deleteTenant, the user goes too.
        if (user.Roles.Count == 0)
        {
            db.Users.Remove(user);
        }
    }

    private static async Task<string> SendInvitationAsync(IResolveFieldContext context)
    {
        var (user, tenant) = await FindInviteeAsync(context, context.GetArgument<SendInvitationInput>("input"));

        var invitations = context.GetService<InvitationService>();
        var ct = context.CancellationToken;
        var link = await invitations.IssueAsync(user, invitations.BaseUrl(context.GetHttpRequest()), ct);
        await context.GetService<GatehouseDbContext>().SaveChangesAsync(ct);
        Log.Invited(context.GetService<ILogger<UserMutations>>(), user.Id, context.GetCaller().Name);
        invitations.Mail(user.Email, link, tenant?.Name);
        return link;
    }

    /// <summary>
    /// The pending user to invite again, and their account. An account the caller cannot see is "no user
    /// found", like a user who is not in it; one they see but may not give its admin role to is 401.
    /// </summary>
    private static async Task<(User User, Tenant? Tenant)> FindInviteeAsync(
        IResolveFieldContext context,
        SendInvitationInput input)
    {
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        var tenantId = input.UserType == UserKind.Agency
            ? input.TenantId is null ? null : throw UserErrors.TenantIdForAgency()
            : input.TenantId ?? throw UserErrors.TenantIdRequired();

        var tenant = tenantId is null
            ? null
            : await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, ct);
        var caller = context.GetCaller();
        if (!EmailAddresses.TryNormalize(input.Email, out var email))
        {
            throw UserErrors.EmailInvalid("input.email", input.Email);
        }

        if (tenantId is not null && (tenant is null || !AccessPolicy.CanViewTenant(caller, tenant)))
        {
            throw UserErrors.InvitedUserNotFound(email, tenantId);
        }

        var role = new Role(RoleAction.Admin, tenantId, null);
        if (!AccessPolicy.CanAssign(caller, role, tenant?.CanPartnerManage ?? true))
        {
            throw UserErrors.NotAuthorized("invite users");
        }

        var user = await db.Users.SingleOrDefaultAsync(
            u => u.Email == email && u.Roles.Any(r => r.TenantId == tenantId), ct)
            ?? throw UserErrors.InvitedUserNotFound(email, tenantId);
        return user.Status == UserStatus.Pending ? (user, tenant) : throw UserErrors.AlreadyActivated(email);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "User {UserId} given role {Role} by {Actor}", EventName = "RoleAdded")]
        public static partial void RoleAdded(ILogger logger, Guid userId, string role, string actor);

        [LoggerMessage(2, LogLevel.Information,
            "User {UserId} roles changed (revoked {Revoked}, added {Added}) by {Actor}", EventName = "RoleChanged")]
        public static partial void RoleChanged(
            ILogger logger,
            Guid userId,
            string? revoked,
            string? added,
            string actor);

        [LoggerMessage(3, LogLevel.Information, "User {UserId} invited again by {Actor}", EventName = "UserInvited")]
        public static partial void Invited(ILogger logger, Guid userId, string actor);
    }
}
