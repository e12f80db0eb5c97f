using System.Data.Common;
using System.Globalization;
using System.Text;
using Gatehouse.Data;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gatehouse.Events;

/// <summary>
/// What one intake request stores: the events to queue for publishing, the events not to publish (dropped
/// by a switch or filter), and how many events it refused. Every queued and dropped event counts as received.
/// </summary>
public sealed record EventWrite(
    IntakePixel Pixel,
    IReadOnlyList<IncomingEvent> Queued,
    IReadOnlyList<IncomingEvent> Dropped,
    int Rejected,
    DateTime ReceivedAt);

/// <summary>The statements that store <see cref="EventWrite"/>s: queue rows and their counts.</summary>
public static class EventStore
{
    // Limitation: on SQLite each event's row is written three times (queued, leased, removed) by one writer at
    // a time, so on two cores batches of 100 are accepted at 24,000 to 45,000 events a second with a p99 of 37
    // to 56 ms at 8 connections (bench/README.md has the measurements and the next steps).
    // Seven parameters a row; 500 rows stay far below both providers' parameter limits.
    private const int RowsPerStatement = 500;

    private const string Insert = "INSERT INTO \"QueuedEvents\" (\"PixelId\", \"TenantId\", \"EventName\", \"Site\", "
        + "\"ReceivedAt\", \"Payload\", \"Attempts\", \"NextAttemptAt\") VALUES ";

    /// <summary>
    /// Stores the writes in the context's current transaction: their queue rows, then all their counts in one
    /// upsert, the counts of writes for the same bucket added up first.
    /// </summary>
    public static async Task StoreAsync(GatehouseDbContext db, IEnumerable<EventWrite> writes, CancellationToken ct)
    {
        var list = writes.ToList();
        if (db.Database.IsSqlite())
        {
            await InsertEachAsync(db, list, ct);
        }
        else
        {
            foreach (var write in list)
            {
                foreach (var chunk in write.Queued.Chunk(RowsPerStatement))
                {
                    await InsertAsync(db, write.Pixel, chunk, write.ReceivedAt, ct);
                }
            }
        }

        var counts = new Dictionary<(string Pixel, DateTime Minute, string Name, string Site), TrafficCount>();
        list.ForEach(write => AddCounts(counts, write));
        await TrafficCounter.AddAsync(db, counts.Values, ct);
    }

    // SQLite looks each named parameter up by a linear search, so a statement of many rows costs the square of
    // its parameters; one prepared single-row statement run for each event is linear, and SQLite runs it
    // in-process, with no round trip to pay for.
    private static async Task InsertEachAsync(GatehouseDbContext db, List<EventWrite> writes, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = Insert + "($pixel, $tenant, $name, $site, $at, $payload, 0, $at)";
        var pixel = Parameter(command, "$pixel");
        var tenant = Parameter(command, "$tenant");
        var name = Parameter(command, "$name");
        var site = Parameter(command, "$site");
        var at = Parameter(command, "$at");
        var payload = Parameter(command, "$payload");
        foreach (var write in writes)
        {
            (pixel.Value, tenant.Value, at.Value) = (write.Pixel.PixelId, write.Pixel.TenantId, write.ReceivedAt);
            foreach (var incoming in write.Queued)
            {
                (name.Value, site.Value, payload.Value) = (incoming.EventName, incoming.Site, incoming.Payload);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void AddCounts(
        Dictionary<(string Pixel, DateTime Minute, string Name, string Site), TrafficCount> counts,
        EventWrite write)
    {
        foreach (var incoming in write.Queued)
        {
            Received(CountFor(counts, write, incoming.EventName, incoming.Site), write.ReceivedAt);
        }

        foreach (var incoming in write.Dropped)
        {
            var count = CountFor(counts, write, incoming.EventName, incoming.Site);
            Received(count, write.ReceivedAt);
            count.Dropped++;
        }

        if (write.Rejected > 0)
        {
            // Refused events may have no valid name or site; they are counted under neither.
            CountFor(counts, write, "", "").Rejected += write.Rejected;
        }
    }

    private static TrafficCount CountFor(
        Dictionary<(string Pixel, DateTime Minute, string Name, string Site), TrafficCount> counts,
        EventWrite write,
        string eventName,
        string site)
    {
        var key = (write.Pixel.PixelId, TrafficCounter.MinuteOf(write.ReceivedAt), eventName, site);
        if (!counts.TryGetValue(key, out var count))
        {
            count = new TrafficCount
            {
                TenantId = write.Pixel.TenantId,
                PixelId = write.Pixel.PixelId,
                Start = key.Item2,
                EventName = eventName,
                Site = site,
            };
            counts.Add(key, count);
        }

        return count;
    }

    private static void Received(TrafficCount count, DateTime at)
    {
        count.Received++;
        if (count.LastReceivedAt is not { } last || at > last)
        {
            count.LastReceivedAt = at;
        }
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
