using System.Globalization;
using System.Text;
using Gatehouse.Data;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Events;

/// <summary>
/// Stores accepted events and their counts in one transaction: when the sender hears back, its events are
/// on disk and counted, and when the transaction fails neither happened.
/// </summary>
public static class EventStore
{
    // Seven parameters a row; 500 rows stay far below both providers' parameter limits.
    private const int RowsPerStatement = 500;

    private const string Insert = "INSERT INTO \"QueuedEvents\" (\"PixelId\", \"TenantId\", \"EventName\", \"Site\", "
        + "\"ReceivedAt\", \"Payload\", \"Attempts\", \"NextAttemptAt\") VALUES ";

    /// <summary>
    /// Queues <paramref name="queued"/> for publishing and counts every event as received, and
    /// <paramref name="dropped"/> (not to be published) as dropped too.
    /// </summary>
    public static async Task StoreAsync(
        GatehouseDbContext db,
        IntakePixel pixel,
        IReadOnlyList<IncomingEvent> queued,
        IReadOnlyList<IncomingEvent> dropped,
        DateTime now,
        CancellationToken ct)
    {
        var counts = new Dictionary<(string Name, string Site), TrafficCount>();
        foreach (var (events, isDropped) in (ReadOnlySpan<(IReadOnlyList<IncomingEvent>, bool)>)
            [(queued, false), (dropped, true)])
        {
            foreach (var incoming in events)
            {
                var count = CountFor(counts, pixel, incoming, now);
                count.Received++;
                count.Dropped += isDropped ? 1 : 0;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in queued.Chunk(RowsPerStatement))
        {
            await InsertAsync(db, pixel, chunk, now, ct);
        }

        await TrafficCounter.AddAsync(db, counts.Values, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Counts events of a known pixel that were refused at the door.</summary>
    public static Task CountRejectedAsync(GatehouseDbContext db, IntakePixel pixel, int events, DateTime now,
        CancellationToken ct) =>
        TrafficCounter.AddAsync(db, [new TrafficCount
        {
            TenantId = pixel.TenantId,
            PixelId = pixel.PixelId,
            Start = now,
            EventName = "",
            Site = "",
            Rejected = events,
        }], ct);

    private static TrafficCount CountFor(
        Dictionary<(string Name, string Site), TrafficCount> counts,
        IntakePixel pixel,
        IncomingEvent incoming,
        DateTime now)
    {
        if (!counts.TryGetValue((incoming.EventName, incoming.Site), out var count))
        {
            count = new TrafficCount
            {
                TenantId = pixel.TenantId,
                PixelId = pixel.PixelId,
                Start = now,
                EventName = incoming.EventName,
                Site = incoming.Site,
                LastReceivedAt = now,
            };
            counts.Add((incoming.EventName, incoming.Site), count);
        }

        return count;
    }

    private static async Task InsertAsync(
        GatehouseDbContext db,
        IntakePixel pixel,
        IncomingEvent[] events,
        DateTime now,
        CancellationToken ct)
    {
        var sql = new StringBuilder(Insert);
        var parameters = new List<object>(events.Length * 7);
        for (var row = 0; row < events.Length; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            foreach (var value in (ReadOnlySpan<object>)
                [pixel.PixelId, pixel.TenantId, events[row].EventName, events[row].Site, now, events[row].Payload])
            {
                sql.Append('{').Append(parameters.Count.ToString(CultureInfo.InvariantCulture)).Append("}, ");
                parameters.Add(value);
            }

            // A new event has had no attempt and is due at once.
            sql.Append("0, {").Append(parameters.Count.ToString(CultureInfo.InvariantCulture)).Append("})");
            parameters.Add(now);
        }

        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }
}
