namespace Gatehouse.Tenants;

/// <summary>The documented account statuses; the API carries them as plain integers.</summary>
public enum TenantStatus
{
    Active = 0,
    PendingConfiguration = 1,
    Deactivated = 2,
}
