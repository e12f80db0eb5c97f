using Gatehouse.Data;
using Gatehouse.Pixels;

namespace Gatehouse.Events;

/// <summary>What one batch goes through in its slot: it is sent, and its outcome is recorded.</summary>
public sealed partial class EventPublisher
{
    private async Task PublishAsync(PixelBatch batch, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GatehouseDbContext>();
        var held = batch.Events.Where(e => !batch.Target.Publishes(e)).ToList();
        if (held.Count > 0)
        {
            using (await gate.EnterAsync(CancellationToken.None))
            {
                var dropped = await BatchOutcomes.DroppedAsync(db, LeaseOwner, held, Now(), CancellationToken.None);
                Left("dropped", dropped);
                PublisherLog.Dropped(logger, dropped, batch.Target.PixelId);
            }

            if (held.Count == batch.Events.Count)
            {
                return;
            }

            batch = batch with { Events = [.. batch.Events.Except(held)] };
        }

        var tokens = services.GetRequiredService<PixelTokens>();
        var token = tokens.Read(batch.Target.PixelId, batch.Target.ProtectedToken);
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

    private static string AttemptOutcome(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Published => "ok",
        PublishOutcome.Transient => "transient",
        _ => "permanent",
    };
}
