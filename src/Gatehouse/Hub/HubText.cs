using Gatehouse.Users;

namespace Gatehouse.Hub;

/// <summary>How the hub names roles and statuses, in the words of Meta's UI.</summary>
public static class HubText
{
    public static string Access(RoleAction? action) => action switch
    {
        RoleAction.Admin => "Admin",
        RoleAction.Manage => "Manage",
        RoleAction.View => "View only",
        _ => "None",
    };

    /// <summary>The actions a role can have, as the hub's forms send them.</summary>
    public static IReadOnlyList<string> RoleActions { get; } = ["admin", "manage", "view"];

    public static string Role(string? displayName) => displayName switch
    {
        "admin" => "Admin",
        "manage" => "Manage",
        "view" => "View only",
        _ => "None",
    };

    public static string UserStatus(int status) => status switch
    {
        0 => "Deactivated",
        1 => "Active",
        2 => "Invited",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
