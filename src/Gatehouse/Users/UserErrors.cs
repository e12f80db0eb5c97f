using Gatehouse.GraphQL;

namespace Gatehouse.Users;

/// <summary>The messages of user and role errors, each naming the field and the rule it broke.</summary>
public static class UserErrors
{
    public static UnauthorizedError NotAuthorized(string action) => new($"Not authorized to {action}.");

    public static BadRequestError EmailInvalid(string field, string email) => new(
        $"{field} '{email}' is not a valid email address.");

    public static NotFoundError RoleNotFound(string field, string? name) => new(
        $"{field} '{name}' is not a role you can give: roles are agency-ACTION or advertiser-ACTION-ACCOUNTID, "
        + "ACTION being admin, manage or view, in an account you can see.");

    public static NotFoundError UserNotFound(string userId) => new($"No user with id '{userId}' was found.");

    public static NotFoundError RoleNotHeld(string role) => new($"The user does not hold the role '{role}'.");

    public static NotFoundError InvitedUserNotFound(string email, string? tenantId) => new(tenantId is null
        ? $"No host user with email '{email}' was found."
        : $"No user with email '{email}' was found for account '{tenantId}'.");

    public static ConflictError AlreadyInScope(string? tenantId) => new(tenantId is null
        ? "The user already has a host role; change it with changeRoleForUser."
        : $"The user is already in account '{tenantId}'; change their role with changeRoleForUser.");

    public static BadRequestError NothingToChange() => new(
        "input.roleToRevoke and input.roleToAdd are both empty; give at least one.");

    public static BadRequestError LastAdmin(string? tenantId) => new(tenantId is null
        ? "The host must keep at least one admin; give another user agency-admin first."
        : $"Account '{tenantId}' must keep at least one admin; give another user its admin role first.");

    public static BadRequestError TenantIdForAgency() => new(
        "input.tenantId must be null when input.userType is AGENCY: host users belong to no account.");

    public static BadRequestError TenantIdRequired() => new(
        "input.tenantId is required when input.userType is ADVERTISER.");

    public static BadRequestError AlreadyActivated(string email) => new(
        $"The user '{email}' has already accepted an invitation and can sign in; invitations are for pending users.");
}
