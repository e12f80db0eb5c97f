namespace Gatehouse.Users;

/// <summary>What a role allows; its lower-case name is the role's display name.</summary>
public enum RoleAction
{
    Admin = 0,
    Manage = 1,
    View = 2,
}
