using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Routing;

/// <summary>
/// Checks ingress CNAME records again in the background, so that a record created after the ingress was set
/// (or removed later) shows in <c>cnameResolveSuccess</c>. Several instances may run it on one database: each
/// round takes the ingresses whose last check is older than the interval, and a result is written only if the
/// ingress is still the one that was checked.
/// </summary>
public sealed partial class CnameRechecker(
    IServiceScopeFactory scopes,
    CnameCheck check,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    ILogger<CnameRechecker> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestRoundPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Rounds start ten times per interval, so an ingress waits at most a tenth more than it.</summary>
    public TimeSpan RoundPeriod => options.Value.CnameCheckInterval / 10 is var period && period > ShortestRoundPeriod
        ? period
        : ShortestRoundPeriod;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RoundPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunRoundSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    /// <summary>Checks the ingresses that are due, oldest check first, and returns how many it checked.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        var dueBefore = clock.GetUtcNow().UtcDateTime - options.Value.CnameCheckInterval;

        // Limitation: no index covers the time of the last check, so each round scans the table; that stays
        // cheap for thousands of accounts, not for millions.
        var due = await db.IngressDomains.AsNoTracking()
            .Where(i => i.CheckedAt == null || i.CheckedAt <= dueBefore)
            .OrderBy(i => i.CheckedAt == null ? 0 : 1)
            .ThenBy(i => i.CheckedAt)
            .ThenBy(i => i.TenantId)
            .Take(options.Value.CnameChecksPerRound)
            .ToListAsync(cancellationToken);

        foreach (var domain in due)
        {
            await RecheckAsync(db, domain, cancellationToken);
        }

        return due.Count;
    }

    private async Task RecheckAsync(GatehouseDbContext db, IngressDomain domain, CancellationToken ct)
    {
        var verified = await check.PointsAtTargetAsync(domain.TenantId, domain.Ingress, domain.TargetDomain, ct);
        var checkedAt = clock.GetUtcNow().UtcDateTime;

        // An upsert since the read has checked the new ingress itself; its result stands.
        var updated = await db.IngressDomains
            .Where(i => i.TenantId == domain.TenantId && i.Ingress == domain.Ingress
                && i.TargetDomain == domain.TargetDomain)
            .ExecuteUpdateAsync(
                set => set.SetProperty(i => i.CnameResolveSuccess, verified).SetProperty(i => i.CheckedAt, checkedAt),
                ct);
        if (updated > 0 && verified != domain.CnameResolveSuccess)
        {
            RoutingLog.CnameChanged(logger, domain.TenantId, verified);
        }
    }

    private async Task RunRoundSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoundAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next round tries again; a database that is away for a while only delays the checks.
            Log.RoundFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A round of CNAME re-checks failed; the next round tries again",
            EventName = "CnameRecheckFailed")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
