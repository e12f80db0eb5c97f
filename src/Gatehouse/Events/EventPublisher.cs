using System.Data.Common;
using Gatehouse.Data;
using Gatehouse.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.Events;

/// <summary>
/// Publishes queued events to the Conversions API, at least once each. Up to <c>Parallelism</c> requests are
/// under way at a time, each with a batch of one pixel's events: whenever one ends, its slot takes the next
/// due batch, so a slow answer holds back only its own slot. Each outcome is recorded in one transaction,
/// and rows leave the queue only once their outcome is stored, so a process that dies loses nothing: its
/// leases lapse and another instance, or the next start, sends the events again.
/// </summary>
public sealed partial class EventPublisher(
    IServiceScopeFactory scopes,
    IOptions<ConversionsApiOptions> settings,
    PublishSignal signal,
    QueueDepth depth,
    WriteGate gate,
    GatehouseMetrics metrics,
    TimeProvider clock,
    ILogger<EventPublisher> logger) : BackgroundService
{
    private readonly ConversionsApiOptions _options = settings.Value;

    /// <summary>This instance's name on its leases: the host name and a random part, new at each start.</summary>
    public string LeaseOwner { get; } = NewLeaseOwner();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Enabled)
        {
            PublisherLog.Started(logger, _options.BaseUrl, LeaseOwner, _options.Parallelism);
        }
        else
        {
            PublisherLog.Disabled(logger);
        }

        using var slots = new SemaphoreSlim(_options.Parallelism, _options.Parallelism);
        var sending = new HashSet<Task>();
        try
        {
            var counted = await CountQueueAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (clock.GetElapsedTime(counted) >= _options.QueueDepthRefreshInterval)
                {
                    counted = await CountQueueAsync(stoppingToken);
                }

                // An instance that does not publish still takes events in, and its intake needs the depth.
                if (!_options.Enabled)
                {
                    await Task.Delay(_options.QueueDepthRefreshInterval, clock, stoppingToken);
                    continue;
                }

                var started = await StartSendingAsync(slots, sending, stoppingToken);
                if (started == 0)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the requests under way give their events back (see PublishAsync).
        }
        finally
        {
            await Task.WhenAll(sending);
        }
    }

    /// <summary>
    /// Waits for a free slot, leases a batch for it and for every other free slot, and starts sending them.
    /// Returns how many batches it started; none when nothing is due.
    /// </summary>
    private async Task<int> StartSendingAsync(SemaphoreSlim slots, HashSet<Task> sending, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        var free = 1;
        while (free < _options.Parallelism && slots.Wait(0, CancellationToken.None))
        {
            free++;
        }

        List<PixelBatch> batches = [];
        try
        {
            batches = await LeaseAsync(free, ct);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            PublisherLog.LeaseFailed(logger, ex);
        }
        finally
        {
            if (free > batches.Count)
            {
                slots.Release(free - batches.Count);
            }
        }

        sending.RemoveWhere(task => task.IsCompleted);
        foreach (var batch in batches)
        {
            sending.Add(SendAsync(batch, slots, ct));
        }

        return batches.Count;
    }

    /// <summary>Publishes one batch in its slot and frees the slot, whatever happens.</summary>
    private async Task SendAsync(PixelBatch batch, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            // Off the leasing loop at once: the loop goes on leasing for the other slots.
            await Task.Yield();
            await PublishAsync(batch, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; PublishAsync gave the events back.
        }
        catch (Exception ex)
        {
            // Whatever went wrong with this batch (the database, most likely), the other slots go on; the
            // batch's lease lapses and its events are sent again.
            PublisherLog.BatchFailed(logger, ex, batch.Events.Count, batch.Target.PixelId);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<List<PixelBatch>> LeaseAsync(int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var batches = await EventLeases.TakeAsync(
            db, gate, LeaseOwner, now, _options.LeaseDuration, _options.BatchSize, count, ct);

        if (batches.Count == 0)
        {
            return [];
        }

        var pixelIds = batches.Select(b => b[0].PixelId).Distinct().ToList();
        var pixels = await db.Pixels.AsNoTracking()
            .Where(p => pixelIds.Contains(p.Id))
            .Select(p => new { p.Id, p.TenantId, p.IsPublishing, p.ApiVersion, p.ProtectedAccessToken })
            .ToListAsync(ct);

        // The filters are read again here, not only at the intake, so that a filter changed while events
        // wait (an outage of the Conversions API, say) also holds back the ones already queued.
        var filters = new Dictionary<string, AccountFilters>(StringComparer.Ordinal);
        foreach (var tenantId in pixels.Select(p => p.TenantId).Distinct())
        {
            filters[tenantId] = await AccountFilters.LoadAsync(db, tenantId, ct);
        }

        var targets = pixels.ToDictionary(p => p.Id, p => new PublishTarget(
            p.Id, p.IsPublishing, p.ApiVersion, p.ProtectedAccessToken, filters[p.TenantId]));

        // A pixel that is gone took its events with it (the foreign key cascades): nothing is left to send.
        return [.. batches
            .Where(b => targets.ContainsKey(b[0].PixelId))
            .Select(b => new PixelBatch(targets[b[0].PixelId], b))];
    }

    // Limitation: between two counts the depth moves only with this instance's own changes, so it misses what
    // other instances publish and the events that went with a deleted pixel until the next count.
    private async Task<long> CountQueueAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
            depth.Reset(await db.QueuedEvents.LongCountAsync(ct));
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            PublisherLog.DepthFailed(logger, ex);
        }

        return clock.GetTimestamp();
    }

    private static string NewLeaseOwner()
    {
        var owner = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        return owner.Length <= 64 ? owner : owner[^64..];
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>What publishing needs of a pixel; the token is still encrypted here.</summary>
    private sealed record PublishTarget(
        string PixelId,
        bool IsPublishing,
        string? ApiVersion,
        string? ProtectedToken,
        AccountFilters Filters)
    {
        /// <summary>Whether the publishing switch and the account's filters still let the event go out.</summary>
        public bool Publishes(QueuedEvent queued) =>
            IsPublishing && Filters.IsPublished(PixelId, queued.EventName, queued.Site);
    }

    private sealed record PixelBatch(PublishTarget Target, List<QueuedEvent> Events);
}
