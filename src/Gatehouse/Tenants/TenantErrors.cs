using Gatehouse.GraphQL;

namespace Gatehouse.Tenants;

/// <summary>The messages of account errors, each naming the field and the rule it broke.</summary>
public static class TenantErrors
{
    public const int MaxNameLength = 100;

    public static UnauthorizedError NotAuthorized(string action) => new($"Not authorized to {action}.");

    public static BadRequestError NameLength(string field, int length) => new(
        $"{field} must be 1 to {MaxNameLength} characters once trimmed; it has {length}.");

    public static BadRequestError AdminEmailRequired() => new(
        "input.adminEmail is required when input.canPartnerManage is false: an account the partner may not "
        + "manage needs an admin of its own.");

    public static BadRequestError AdminEmailInvalid(string email) => new(
        $"input.adminEmail '{email}' is not a valid email address.");

    public static BadRequestError StatusInvalid(int status) => new(
        $"input.status must be 0 (Active), 1 (Pending Configuration) or 2 (Deactivated); it is {status}.");

    public static BadRequestError UnmanagedWithoutAdmin() => new(
        "input.canPartnerManage can only be set to false on an account that has an admin user; "
        + "otherwise nobody could manage it.");
}
