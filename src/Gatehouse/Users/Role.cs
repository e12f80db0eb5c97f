namespace Gatehouse.Users;

/// <summary>
/// A role as the API shows it. Host roles are named <c>agency-ACTION</c>, account roles
/// <c>advertiser-ACTION-TENANTID</c>, and the display name is the action alone.
/// </summary>
public sealed record Role(RoleAction Action, string? TenantId, string? TenantName)
{
    public string Name => TenantId is null ? $"agency-{DisplayName}" : $"advertiser-{DisplayName}-{TenantId}";

    public string DisplayName => ActionName(Action);

    public static string ActionName(RoleAction action) => action switch
    {
        RoleAction.Admin => "admin",
        RoleAction.Manage => "manage",
        RoleAction.View => "view",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown role action."),
    };

    public static IReadOnlyList<Role> ForTenant(string tenantId, string tenantName) =>
        [.. Enum.GetValues<RoleAction>().Select(action => new Role(action, tenantId, tenantName))];
}
