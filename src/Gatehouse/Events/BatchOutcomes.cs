using Gatehouse.Data;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Events;

/// <summary>
/// Records what became of a leased batch, each in one transaction: the rows leave the queue (or wait for
/// their next attempt), their counts go into the traffic buckets, and the pixel's error state follows.
/// Only rows this instance still leases are touched, so a batch whose lease lapsed is left to its new
/// holder.
/// </summary>
public static class BatchOutcomes
{
    /// <summary>The Conversions API took the batch: the rows go, counted as published.</summary>
    public static async Task<int> PublishedAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyList<QueuedEvent> batch,
        DateTime now,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await RemoveCountedAsync(db, owner, batch, now, count =>
        {
            count.Published += 1;
            count.LastPublishedAt = now;
        }, ct);
        var pixelId = batch[0].PixelId;
        await db.Pixels
            .Where(p => p.Id == pixelId && (p.ApiErrorCode != null || p.BadToken))
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.ApiErrorCode, (string?)null)
                .SetProperty(p => p.BadToken, false), ct);
        await transaction.CommitAsync(ct);
        return removed.Count;
    }

    /// <summary>The pixel's publishing switch is off: the rows go, counted as dropped.</summary>
    public static async Task<int> DroppedAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyList<QueuedEvent> batch,
        DateTime now,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await RemoveCountedAsync(db, owner, batch, now, count => count.Dropped += 1, ct);
        await transaction.CommitAsync(ct);
        return removed.Count;
    }

    /// <summary>
    /// The batch was refused for good: the rows go, counted as failed, and the pixel keeps the error. Returns
    /// how many rows went and whether the pixel's error state changed, which is what gets logged.
    /// </summary>
    public static async Task<(int Removed, bool Changed)> FailedAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyList<QueuedEvent> batch,
        PixelError error,
        DateTime now,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await RemoveCountedAsync(db, owner, batch, now, count => count.Failed += 1, ct);
        var changed = await MarkPixelAsync(db, batch[0].PixelId, error, ct);
        await transaction.CommitAsync(ct);
        return (removed.Count, changed);
    }

    /// <summary>
    /// The batch may succeed later: each row waits for its next attempt, free for any instance, except rows
    /// that used their last attempt, which go as failed and leave <paramref name="error"/> on the pixel, as
    /// a refusal does. Returns how many went and whether the pixel's error state changed.
    /// </summary>
    public static async Task<(int Removed, bool Changed)> RetryLaterAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyList<QueuedEvent> batch,
        PixelError error,
        int maxAttempts,
        Func<int, TimeSpan> backoff,
        DateTime now,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var spent = batch.Where(e => e.Attempts + 1 >= maxAttempts).ToList();
        var removed = await RemoveCountedAsync(db, owner, spent, now, count => count.Failed += 1, ct);
        var changed = removed.Count > 0 && await MarkPixelAsync(db, batch[0].PixelId, error, ct);
        foreach (var group in batch.Where(e => e.Attempts + 1 < maxAttempts).GroupBy(e => e.Attempts))
        {
            var ids = group.Select(e => e.Id).ToList();
            var attempts = group.Key + 1;
            var due = now + backoff(attempts);
            await db.QueuedEvents
                .Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(e => e.Attempts, attempts)
                    .SetProperty(e => e.NextAttemptAt, due)
                    .SetProperty(e => e.LeaseOwner, (string?)null)
                    .SetProperty(e => e.LeaseExpiresAt, (DateTime?)null), ct);
        }

        await transaction.CommitAsync(ct);
        return (removed.Count, changed);
    }

    /// <summary>
    /// Sets the pixel's <c>ApiErrorCode</c> and <c>BadToken</c>; true when they differ from what was stored.
    /// A failure without a Graph API code leaves the stored code as it was.
    /// </summary>
    // Limitation: events that run out of attempts without any Graph API error (timeouts, lost connections,
    // HTTP errors with no error object) leave apiErrorCode as it was, so the pixel does not show them.
    private static async Task<bool> MarkPixelAsync(
        GatehouseDbContext db,
        string pixelId,
        PixelError error,
        CancellationToken ct)
    {
        var updated = error.ApiErrorCode is { } code
            ? await db.Pixels
                .Where(p => p.Id == pixelId && (p.ApiErrorCode != code || (error.BadToken && !p.BadToken)))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(p => p.ApiErrorCode, code)
                    .SetProperty(p => p.BadToken, p => p.BadToken || error.BadToken), ct)
            : await db.Pixels
                .Where(p => p.Id == pixelId && error.BadToken && !p.BadToken)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.BadToken, true), ct);
        return updated > 0;
    }

    /// <summary>
    /// Deletes the rows of the batch that this instance still leases and adds them to the minute's counts,
    /// each counted by <paramref name="add"/>; returns the rows deleted.
    /// </summary>
    private static async Task<List<QueuedEvent>> RemoveCountedAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyList<QueuedEvent> batch,
        DateTime now,
        Action<TrafficCount> add,
        CancellationToken ct)
    {
        var removed = await RemoveAsync(db, owner, batch, ct);
        await TrafficCounter.AddAsync(db, Counts(removed, now, add), ct);
        return removed;
    }

    /// <summary>Deletes the rows of the batch that this instance still leases, and returns them.</summary>
    private static async Task<List<QueuedEvent>> RemoveAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyList<QueuedEvent> batch,
        CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var deleted = await QueueCommands.DeleteLeasedAsync(db, [.. batch.Select(e => e.Id)], owner, ct);
        return [.. batch.Where(e => deleted.Contains(e.Id))];
    }

    /// <summary>One count per event name and site, each event added by <paramref name="add"/>.</summary>
    private static List<TrafficCount> Counts(List<QueuedEvent> events, DateTime now, Action<TrafficCount> add)
    {
        var minute = TrafficCounter.MinuteOf(now);
        var counts = new Dictionary<(string, string), TrafficCount>();
        foreach (var queued in events)
        {
            if (!counts.TryGetValue((queued.EventName, queued.Site), out var count))
            {
                count = new TrafficCount
                {
                    TenantId = queued.TenantId,
                    PixelId = queued.PixelId,
                    Start = minute,
                    EventName = queued.EventName,
                    Site = queued.Site,
                };
                counts.Add((queued.EventName, queued.Site), count);
            }

            add(count);
        }

        return [.. counts.Values];
    }
}

/// <summary>
/// What a permanent failure leaves on the pixel: the Graph API error as <c>apiErrorCode</c> (null when the
/// failure carried none) and whether the access token is at fault.
/// </summary>
public sealed record PixelError(string? ApiErrorCode, bool BadToken);
