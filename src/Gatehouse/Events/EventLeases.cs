using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Events;

/// <summary>
/// Takes and gives back leases on queued events. A lease is a conditional UPDATE that only touches rows
/// that are due and free (or whose lease lapsed), so instances sharing a database never take the same
/// events: on PostgreSQL the second of two racing updates re-checks the condition on the row the first
/// wrote, and SQLite runs one writer at a time.
/// </summary>
public static class EventLeases
{
    /// <summary>
    /// Leases the oldest due events, grouped into at most <paramref name="batches"/> batches of one pixel
    /// each and at most <paramref name="batchSize"/> events, in arrival order, oldest batch first. The due
    /// events are read outside the write gate and each batch is leased in a turn of its own, so that on
    /// SQLite the intake's commits go in between instead of waiting for every batch.
    /// </summary>
    public static async Task<List<List<QueuedEvent>>> TakeAsync(
        GatehouseDbContext db,
        WriteGate gate,
        string owner,
        DateTime now,
        TimeSpan duration,
        int batchSize,
        int batches,
        CancellationToken ct)
    {
        // Limitation: SQLite runs this query through the queue in arrival order rather than through the
        // (NextAttemptAt, Id) index, so while many events wait for a retry (an outage of the Conversions API)
        // each lease reads past all of them.
        var due = await db.QueuedEvents.AsNoTracking()
            .Where(e => e.NextAttemptAt <= now && (e.LeaseOwner == null || e.LeaseExpiresAt <= now))
            .OrderBy(e => e.Id)
            .Take(batchSize * batches)
            .Select(e => new QueuedEventKey(e.Id, e.PixelId))
            .ToListAsync(ct);

        var leased = new List<List<QueuedEvent>>();
        foreach (var batch in Group(due, e => e.PixelId, batchSize).Take(batches))
        {
            // Rows another instance leased in between are not ours; the rest come back whole.
            using var turn = await gate.EnterAsync(ct);
            var rows = await QueueCommands.LeaseAsync(
                db, [.. batch.Select(e => e.Id)], owner, now, now + duration, ct);
            if (rows.Count > 0)
            {
                leased.Add(rows);
            }
        }

        return leased;
    }

    /// <summary>Frees events this instance holds without counting an attempt, as at shutdown.</summary>
    public static Task<int> ReleaseAsync(
        GatehouseDbContext db,
        string owner,
        IReadOnlyCollection<long> ids,
        CancellationToken ct) =>
        db.QueuedEvents
            .Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.LeaseExpiresAt, (DateTime?)null), ct);

    /// <summary>
    /// Splits events in arrival order into batches of one pixel each; a pixel's next batch starts when its
    /// current one is full. Batches come in the order of their oldest event.
    /// </summary>
    public static List<List<T>> Group<T>(IEnumerable<T> events, Func<T, string> pixelOf, int batchSize)
    {
        var batches = new List<List<T>>();
        var open = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var queued in events)
        {
            var pixelId = pixelOf(queued);
            if (!open.TryGetValue(pixelId, out var batch) || batch.Count == batchSize)
            {
                batch = [];
                open[pixelId] = batch;
                batches.Add(batch);
            }

            batch.Add(queued);
        }

        return batches;
    }
}

/// <summary>The id and pixel of a due event, read before it is leased.</summary>
public sealed record QueuedEventKey(long Id, string PixelId);
