using System.Data.Common;
using System.Security.Cryptography;
using Gatehouse.Data;
using Gatehouse.Hosting;
using Gatehouse.Pixels;
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
public sealed class EventPublisher(
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
            .Select(p => new PublishTarget(p.Id, p.IsPublishing, p.ApiVersion, p.ProtectedAccessToken))
            .ToDictionaryAsync(p => p.PixelId, ct);

        // A pixel that is gone took its events with it (the foreign key cascades): nothing is left to send.
        return [.. batches
            .Where(b => pixels.ContainsKey(b[0].PixelId))
            .Select(b => new PixelBatch(pixels[b[0].PixelId], b))];
    }

    private async Task PublishAsync(PixelBatch batch, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GatehouseDbContext>();
        if (!batch.Target.IsPublishing)
        {
            using var turn = await gate.EnterAsync(CancellationToken.None);
            var dropped = await BatchOutcomes.DroppedAsync(
                db, LeaseOwner, batch.Events, Now(), CancellationToken.None);
            Left("dropped", dropped);
            PublisherLog.Dropped(logger, dropped, batch.Target.PixelId);
            return;
        }

        var token = ReadToken(services.GetRequiredService<PixelTokens>(), batch.Target.ProtectedToken);
        if (token is null)
        {
            var refusal = PublishResult.Permanent("no readable access token is stored");
            using var turn = await gate.EnterAsync(CancellationToken.None);
            await RecordRefusalAsync(db, batch, refusal, new PixelError(null, BadToken: true));
            return;
        }

        var started = clock.GetTimestamp();
        PublishResult result;
        try
        {
            result = await services.GetRequiredService<ConversionsApiClient>().SendAsync(
                batch.Target.PixelId,
                batch.Target.ApiVersion ?? _options.DefaultApiVersion,
                token,
                [.. batch.Events.Select(e => e.Payload)],
                stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever Meta made of the request, the events are sent again by whoever comes next,
            // and Meta deduplicates them by event_id.
            var ids = batch.Events.Select(e => e.Id).ToList();
            using var turn = await gate.EnterAsync(CancellationToken.None);
            var released = await EventLeases.ReleaseAsync(db, LeaseOwner, ids, CancellationToken.None);
            PublisherLog.Released(logger, released);
            throw;
        }

        metrics.PublishAttempted(AttemptOutcome(result.Outcome), clock.GetElapsedTime(started));
        using (await gate.EnterAsync(CancellationToken.None))
        {
            await RecordAsync(db, batch, result);
        }
    }

    /// <summary>Stores the outcome, even while stopping: the request was made and its answer is known.</summary>
    private async Task RecordAsync(GatehouseDbContext db, PixelBatch batch, PublishResult result)
    {
        var events = batch.Events;
        if (result.Outcome == PublishOutcome.Published)
        {
            var published = await BatchOutcomes.PublishedAsync(
                db, LeaseOwner, events, Now(), CancellationToken.None);
            Left("published", published);
            return;
        }

        var badToken = result.Error?.Code == GraphApiError.InvalidTokenCode;
        var error = new PixelError(result.Error?.ApiErrorCode, badToken);
        if (result.Outcome == PublishOutcome.Permanent)
        {
            // Limitation: the Conversions API refuses a whole batch for one invalid event, and the publisher
            // does not split the batch to find it, so the batch's other events are counted as failed too.
            await RecordRefusalAsync(db, batch, result, error);
            return;
        }

        var (spent, changed) = await BatchOutcomes.RetryLaterAsync(
            db, LeaseOwner, events, error, _options.MaxAttempts, Backoff, Now(), CancellationToken.None);
        Left("failed", spent);
        PublisherLog.Retrying(logger, events.Count, batch.Target.PixelId, result.Reason,
            events.Max(e => e.Attempts) + 1, _options.MaxAttempts, spent);
        if (changed)
        {
            PublisherLog.Refused(
                logger, batch.Target.PixelId, result.Reason, spent, error.ApiErrorCode, error.BadToken);
        }
    }

    // Limitation: after a token error the pixel's later events are still sent, one batch at a time, and
    // refused and counted as failed until a new token is stored; they are not held back for it.
    private async Task RecordRefusalAsync(
        GatehouseDbContext db,
        PixelBatch batch,
        PublishResult result,
        PixelError error)
    {
        var (removed, changed) = await BatchOutcomes.FailedAsync(
            db, LeaseOwner, batch.Events, error, Now(), CancellationToken.None);
        Left("failed", removed);
        if (changed)
        {
            PublisherLog.Refused(
                logger, batch.Target.PixelId, result.Reason, removed, error.ApiErrorCode, error.BadToken);
        }
        else
        {
            PublisherLog.RefusedAgain(logger, removed, batch.Target.PixelId, result.Reason);
        }
    }

    /// <summary>The wait after <paramref name="failed"/> failed attempts: full jitter, doubling ceiling.</summary>
    private TimeSpan Backoff(int failed)
    {
        var ceiling = _options.BackoffBase * Math.Pow(2, Math.Min(failed - 1, 30));
        return (ceiling < _options.BackoffCap ? ceiling : _options.BackoffCap) * Random.Shared.NextDouble();
    }

    private void Left(string outcome, int count)
    {
        depth.Removed(count);
        metrics.EventsFinished(outcome, count);
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

    /// <summary>The decrypted token, or null when none is stored or the key ring no longer opens it.</summary>
    private static string? ReadToken(PixelTokens tokens, string? protectedToken)
    {
        try
        {
            return protectedToken is null ? null : tokens.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string NewLeaseOwner()
    {
        var owner = $"{Environment.MachineName}/{Guid.NewGuid():N}";
        return owner.Length <= 64 ? owner : owner[^64..];
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string AttemptOutcome(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published => "ok",
        PublishOutcome.Transient => "transient",
        _ => "permanent",
    };

    /// <summary>What publishing needs of a pixel; the token is still encrypted here.</summary>
    private sealed record PublishTarget(
        string PixelId,
        bool IsPublishing,
        string? ApiVersion,
        string? ProtectedToken);

    private sealed record PixelBatch(PublishTarget Target, List<QueuedEvent> Events);
}
