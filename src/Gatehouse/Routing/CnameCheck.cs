using Microsoft.Extensions.Options;

namespace Gatehouse.Routing;

/// <summary>
/// Decides whether an ingress routes to the gateway: its CNAME record, followed through a short chain, must
/// reach the target domain. A lookup that fails or runs out of time counts as not verified.
/// </summary>
public sealed partial class CnameCheck(
    ICnameResolver resolver,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    ILogger<CnameCheck> logger)
{
    /// <summary>CNAME records followed before giving up; real chains through a CDN have two or three.</summary>
    public const int MaxChainLength = 8;

    public async Task<bool> PointsAtTargetAsync(
        string tenantId,
        string ingress,
        string targetDomain,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.CnameCheckTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FollowAsync(ingress, HostNames.Canonical(targetDomain), linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, tenantId, options.Value.CnameCheckTimeout.TotalMilliseconds);
            return false;
        }
        catch (CnameLookupException ex)
        {
            Log.LookupFailed(logger, ex, tenantId);
            return false;
        }
    }

    private async Task<bool> FollowAsync(string ingress, string target, CancellationToken cancellationToken)
    {
        var name = HostNames.Canonical(ingress);
        for (var hop = 0; hop < MaxChainLength; hop++)
        {
            var next = await resolver.FindCnameAsync(name, cancellationToken);
            if (next is null)
            {
                return false;
            }

            name = HostNames.Canonical(next);
            if (name == target)
            {
                return true;
            }
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "CNAME check of the ingress of account {TenantId} failed; it counts as not verified",
            EventName = "CnameLookupFailed")]
        public static partial void LookupFailed(ILogger logger, Exception exception, string tenantId);

        [LoggerMessage(2, LogLevel.Warning,
            "CNAME check of the ingress of account {TenantId} took over {TimeoutMs} ms; it counts as not verified",
            EventName = "CnameLookupTimedOut")]
        public static partial void TimedOut(ILogger logger, string tenantId, double timeoutMs);
    }
}
