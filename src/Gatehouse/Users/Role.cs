using System.Diagnostics.CodeAnalysis;
using Gatehouse.Tenants;

namespace Gatehouse.Users;

/// <summary>
/// A role as the API shows it. Host roles are named <c>agency-ACTION</c>, account roles
/// <c>advertiser-ACTION-TENANTID</c>, and the display name is the action alone.
/// </summary>
public sealed record Role(RoleAction Action, string? TenantId, string? TenantName)
{
    private const string HostPrefix = "agency-";
    private const string AccountPrefix = "advertiser-";

    public string Name => TenantId is null ? $"{HostPrefix}{DisplayName}" : $"{AccountPrefix}{DisplayName}-{TenantId}";

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

    /// <summary>
    /// Reads a role name. The documented action <c>user</c> is accepted as another name for <c>manage</c>,
    /// which the samples and the hub use.
    /// </summary>
    public static bool TryParse(string? name, out RoleAction action, out string? tenantId)
    {
        action = default;
        tenantId = null;
        if (name is null)
        {
            return false;
        }

        if (name.StartsWith(HostPrefix, StringComparison.Ordinal))
        {
            return TryParseAction(name[HostPrefix.Length..], out action);
        }

        if (!name.StartsWith(AccountPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name[AccountPrefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !TenantIds.IsWellFormed(rest[(dash + 1)..]) || !TryParseAction(rest[..dash], out action))
        {
            return false;
        }

        tenantId = rest[(dash + 1)..];
        return true;
    }

    public static bool TryParse(string? name, [NotNullWhen(true)] out Role? role)
    {
        role = TryParse(name, out var action, out var tenantId) ? new Role(action, tenantId, null) : null;
        return role is not null;
    }

    private static bool TryParseAction(string text, out RoleAction action)
    {
        action = text switch
        {
            "admin" => RoleAction.Admin,
            "manage" or "user" => RoleAction.Manage,
            "view" => RoleAction.View,
            _ => (RoleAction)(-1),
        };
        return Enum.IsDefined(action);
    }
}
