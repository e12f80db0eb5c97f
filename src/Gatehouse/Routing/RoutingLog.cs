namespace Gatehouse.Routing;

/// <summary>Changes to data routing, with ids only.</summary>
public static partial class RoutingLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Ingress domain of account {TenantId} set by {Actor}; CNAME verified: {CnameResolveSuccess}",
        EventName = "IngressDomainSet")]
    public static partial void Set(ILogger logger, string tenantId, string actor, bool cnameResolveSuccess);

    [LoggerMessage(2, LogLevel.Information,
        "CNAME of the ingress domain of account {TenantId} is now verified: {CnameResolveSuccess}",
        EventName = "IngressCnameChanged")]
    public static partial void CnameChanged(ILogger logger, string tenantId, bool cnameResolveSuccess);
}
