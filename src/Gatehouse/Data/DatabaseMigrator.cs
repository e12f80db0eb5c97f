using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Gatehouse.Data;

/// <summary>Brings the database schema up to date, or says why the server cannot start on it.</summary>
public sealed partial class DatabaseMigrator(
    IServiceScopeFactory scopes,
    DatabaseOptions options,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>A description of where the data lives that is safe to log: no password.</summary>
    public string DescribeLocation(GatehouseDbContext db)
    {
        var connectionString = db.Database.GetConnectionString() ?? "";
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{postgres.Host}:{postgres.Port}/{postgres.Database}";
        }

        return Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    /// <summary>Applies every pending migration and returns their names.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        PrepareSqliteFile(db);

        var pending = await GetPendingMigrationsAsync(db, cancellationToken);
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers run beside the writer; the setting is kept in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        foreach (var migration in pending)
        {
            Log.MigrationApplied(logger, migration);
        }

        return pending;
    }

    /// <summary>Migrates when configured to; otherwise refuses to start on an outdated schema.</summary>
    public async Task PrepareForServingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        Log.UsingDatabase(logger, options.Provider, DescribeLocation(db));

        if (options.ShouldMigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
            return;
        }

        var pending = await GetPendingMigrationsAsync(db, cancellationToken);
        if (pending.Count > 0)
        {
            throw new DatabaseNotReadyException(
                $"The database schema is {pending.Count} migration(s) behind this version of Gatehouse. "
                + "Run 'gatehouse migrate' (dotnet run --project src/Gatehouse -- migrate) once, "
                + "or set Database__MigrateOnStartup=true.");
        }
    }

    // EF Core reads the history table even when it does not exist yet and logs that expected failure as an
    // error (https://github.com/dotnet/efcore/issues/37328), which would greet every new database with
    // alarming log lines. A database without any table has had no migration applied, so it is not asked,
    // and the table is created before the migrator reads it.
    private static async Task<List<string>> GetPendingMigrationsAsync(
        GatehouseDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.GetService<IRelationalDatabaseCreator>().HasTablesAsync(cancellationToken))
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    private void PrepareSqliteFile(GatehouseDbContext db)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var directory = Path.GetDirectoryName(DescribeLocation(db));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Using {Provider} database at {Location}", EventName = "UsingDatabase")]
        public static partial void UsingDatabase(ILogger logger, DatabaseProvider provider, string location);

        [LoggerMessage(2, LogLevel.Information, "Applied migration {Migration}", EventName = "MigrationApplied")]
        public static partial void MigrationApplied(ILogger logger, string migration);
    }
}
