namespace Gatehouse.Tenants;

/// <summary>The audit trail of account changes: what changed, and which caller changed it.</summary>
public static partial class TenantLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Account {TenantId} created by {Actor} (managed by partner: {CanPartnerManage})", EventName = "TenantCreated")]
    public static partial void Created(ILogger logger, string tenantId, string actor, bool canPartnerManage);

    [LoggerMessage(2, LogLevel.Information,
        "Account {TenantId} updated by {Actor}: {ChangedFields}", EventName = "TenantUpdated")]
    public static partial void Updated(ILogger logger, string tenantId, string actor, string changedFields);

    [LoggerMessage(3, LogLevel.Information,
        "Account {TenantId} deleted by {Actor}; {RemovedUsers} user(s) left without a role were removed",
        EventName = "TenantDeleted")]
    public static partial void Deleted(ILogger logger, string tenantId, string actor, int removedUsers);
}
