namespace Gatehouse.Users;

/// <summary>The documented user statuses; the API carries them as plain integers.</summary>
public enum UserStatus
{
    Deactivated = 0,
    Activated = 1,
    Pending = 2,
}
