using System.Globalization;
using System.Text;
using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Usage;

/// <summary>
/// The one way the gateway counts events: adds <see cref="TrafficCount"/>s to the per-minute
/// <see cref="TrafficBucket"/> rows with an upsert that both SQLite and PostgreSQL run. The addition happens
/// in the database, so instances sharing it never overwrite each other's counts, and it joins the caller's
/// transaction, so events and their counts are stored together or not at all.
/// </summary>
public static class TrafficCounter
{
    // Twelve parameters a row; 400 rows stay far below both providers' parameter limits.
    private const int RowsPerStatement = 400;

    private const string Columns =
        "\"PixelId\", \"Start\", \"EventName\", \"Site\", \"TenantId\", \"EventsReceived\", \"EventsPublished\", "
        + "\"EventsDropped\", \"EventsRejected\", \"PublishFailures\", \"LastReceivedAt\", \"LastPublishedAt\"";

    private const string OnConflict = """
         ON CONFLICT ("PixelId", "Start", "EventName", "Site") DO UPDATE SET
        "EventsReceived" = "TrafficBuckets"."EventsReceived" + excluded."EventsReceived",
        "EventsPublished" = "TrafficBuckets"."EventsPublished" + excluded."EventsPublished",
        "EventsDropped" = "TrafficBuckets"."EventsDropped" + excluded."EventsDropped",
        "EventsRejected" = "TrafficBuckets"."EventsRejected" + excluded."EventsRejected",
        "PublishFailures" = "TrafficBuckets"."PublishFailures" + excluded."PublishFailures",
        "LastReceivedAt" = CASE WHEN "TrafficBuckets"."LastReceivedAt" IS NULL
            OR excluded."LastReceivedAt" > "TrafficBuckets"."LastReceivedAt"
            THEN COALESCE(excluded."LastReceivedAt", "TrafficBuckets"."LastReceivedAt")
            ELSE "TrafficBuckets"."LastReceivedAt" END,
        "LastPublishedAt" = CASE WHEN "TrafficBuckets"."LastPublishedAt" IS NULL
            OR excluded."LastPublishedAt" > "TrafficBuckets"."LastPublishedAt"
            THEN COALESCE(excluded."LastPublishedAt", "TrafficBuckets"."LastPublishedAt")
            ELSE "TrafficBuckets"."LastPublishedAt" END
        """;

    /// <summary>The start of the minute that <paramref name="time"/> falls in, in UTC.</summary>
    public static DateTime MinuteOf(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    /// <summary>
    /// Adds the counts to their buckets, creating the buckets that do not exist yet. Runs in the context's
    /// current transaction when it has one.
    /// </summary>
    public static async Task AddAsync(
        GatehouseDbContext db,
        IReadOnlyCollection<TrafficCount> counts,
        CancellationToken ct)
    {
        foreach (var chunk in counts.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO \"TrafficBuckets\" (").Append(Columns).Append(") VALUES ");
            var parameters = new List<object>(chunk.Length * 12);
            for (var row = 0; row < chunk.Length; row++)
            {
                var count = chunk[row];
                sql.Append(row == 0 ? "(" : ", (");
                AppendParameter(sql, parameters, count.PixelId).Append(", ");
                AppendParameter(sql, parameters, MinuteOf(count.Start)).Append(", ");
                AppendParameter(sql, parameters, count.EventName).Append(", ");
                AppendParameter(sql, parameters, count.Site).Append(", ");
                AppendParameter(sql, parameters, count.TenantId).Append(", ");
                AppendParameter(sql, parameters, count.Received).Append(", ");
                AppendParameter(sql, parameters, count.Published).Append(", ");
                AppendParameter(sql, parameters, count.Dropped).Append(", ");
                AppendParameter(sql, parameters, count.Rejected).Append(", ");
                AppendParameter(sql, parameters, count.Failed).Append(", ");
                AppendTime(sql, parameters, count.LastReceivedAt).Append(", ");
                AppendTime(sql, parameters, count.LastPublishedAt).Append(')');
            }

            sql.Append(OnConflict);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }

    private static StringBuilder AppendParameter(StringBuilder sql, List<object> parameters, object value)
    {
        sql.Append('{').Append(parameters.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
        parameters.Add(value);
        return sql;
    }

    // A missing time is written as a NULL literal rather than an untyped NULL parameter, which PostgreSQL
    // could not give a type inside a multi-row VALUES list.
    private static StringBuilder AppendTime(StringBuilder sql, List<object> parameters, DateTime? value) =>
        value is { } time
            ? AppendParameter(sql, parameters, time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime())
            : sql.Append("NULL");
}
