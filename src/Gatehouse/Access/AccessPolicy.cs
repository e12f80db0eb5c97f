namespace Gatehouse.Access;

/// <summary>
/// The one place that decides what a caller may do with an account. Every GraphQL resolver asks here,
/// so the API and, later, the hub UI cannot disagree.
/// </summary>
public static class AccessPolicy
{
    /// <summary>
    /// Whether the caller may see and manage an account. An API account acts for the host, so it reaches
    /// exactly the accounts the partner may manage: an unmanaged account is closed to it.
    /// </summary>
    public static bool CanManageTenant(Caller caller, bool canPartnerManage) => caller.Kind switch
    {
        CallerKind.ApiAccount => canPartnerManage,
        _ => false,
    };

    /// <summary>Whether the caller may create accounts. The host and its API accounts may.</summary>
    public static bool CanCreateTenant(Caller caller) => caller.Kind == CallerKind.ApiAccount;

    /// <summary>
    /// The hub UI's per-account flags (<c>canViewTenantInUI</c> and the others). They describe what a
    /// signed-in person may do in the UI, so they are false for every API caller.
    /// </summary>
    public static bool CanUseTenantInUi(Caller caller) => caller.Kind != CallerKind.ApiAccount;
}
