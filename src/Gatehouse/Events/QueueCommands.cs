using System.Data.Common;
using System.Text.Json;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gatehouse.Events;

/// <summary>
/// The queue's statements that touch a thousand rows at a time, written in SQL so that each is one statement
/// with <c>RETURNING</c> (SQLite 3.35 and PostgreSQL both have it) and its rows are read straight from the data
/// reader: the publisher's lease and removal are the writes every event goes through, and on SQLite the
/// intake waits while they run.
/// </summary>
internal static class QueueCommands
{
    private const string Columns = "\"Id\", \"PixelId\", \"TenantId\", \"EventName\", \"Site\", \"ReceivedAt\", "
        + "\"Payload\", \"Attempts\", \"NextAttemptAt\"";

    /// <summary>
    /// Leases the events of <paramref name="ids"/> that are still due and free, and returns them whole, in
    /// arrival order. Rows another instance leased in the meantime are left out.
    /// </summary>
    public static async Task<List<QueuedEvent>> LeaseAsync(
        GatehouseDbContext db,
        IReadOnlyCollection<long> ids,
        string owner,
        DateTime now,
        DateTime until,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(db, ct);
        await using var command = Create(db, "UPDATE \"QueuedEvents\" SET \"LeaseOwner\" = @owner, "
            + "\"LeaseExpiresAt\" = @until WHERE \"Id\" " + IdList(db) + " AND \"NextAttemptAt\" <= @now "
            + "AND (\"LeaseOwner\" IS NULL OR \"LeaseExpiresAt\" <= @now) RETURNING " + Columns);
        AddIds(db, command, ids);
        Add(command, "@owner", owner);
        Add(command, "@until", until);
        Add(command, "@now", now);

        var leased = new List<QueuedEvent>(ids.Count);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                leased.Add(new QueuedEvent
                {
                    Id = reader.GetInt64(0),
                    PixelId = reader.GetString(1),
                    TenantId = reader.GetString(2),
                    EventName = reader.GetString(3),
                    Site = reader.GetString(4),
                    ReceivedAt = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
                    Payload = reader.GetString(6),
                    Attempts = reader.GetInt32(7),
                    NextAttemptAt = DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc),
                    LeaseOwner = owner,
                    LeaseExpiresAt = until,
                });
            }
        }

        // RETURNING gives rows in no particular order; a pixel's events go out in the order they came.
        leased.Sort((a, b) => a.Id.CompareTo(b.Id));
        return leased;
    }

    /// <summary>Deletes the rows of <paramref name="ids"/> that <paramref name="owner"/> still leases.</summary>
    /// <returns>The ids of the rows deleted.</returns>
    public static async Task<HashSet<long>> DeleteLeasedAsync(
        GatehouseDbContext db,
        IReadOnlyCollection<long> ids,
        string owner,
        CancellationToken ct)
    {
        await using var connection = await OpenAsync(db, ct);
        await using var command = Create(db, "DELETE FROM \"QueuedEvents\" WHERE \"Id\" " + IdList(db)
            + " AND \"LeaseOwner\" = @owner RETURNING \"Id\"");
        AddIds(db, command, ids);
        Add(command, "@owner", owner);

        var deleted = new HashSet<long>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            deleted.Add(reader.GetInt64(0));
        }

        return deleted;
    }

    /// <summary>Opens the context's connection unless it is open; disposing the result closes what it opened.</summary>
    private static async Task<OpenConnection> OpenAsync(GatehouseDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new OpenConnection(db);
    }

    private static DbCommand Create(GatehouseDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    // The ids travel as one parameter: a JSON array that SQLite reads with json_each, an array on PostgreSQL.
    private static string IdList(GatehouseDbContext db) =>
        db.Database.IsSqlite() ? "IN (SELECT value FROM json_each(@ids))" : "= ANY(@ids)";

    private static void AddIds(GatehouseDbContext db, DbCommand command, IReadOnlyCollection<long> ids) =>
        Add(command, "@ids", db.Database.IsSqlite() ? JsonSerializer.Serialize(ids) : ids.ToArray());

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class OpenConnection(GatehouseDbContext db) : IAsyncDisposable
    {
        // The context counts opens and closes; the connection closes only when its own opening is undone.
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }
}
