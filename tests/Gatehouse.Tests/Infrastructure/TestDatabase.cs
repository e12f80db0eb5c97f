using Npgsql;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>
/// The database a test application runs on: a fresh SQLite file in a temporary folder, or, when the
/// environment variable GATEHOUSE_TEST_POSTGRES holds a connection string to a server where that role may
/// create databases, a fresh PostgreSQL database that is dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "GATEHOUSE_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly string? _sqliteFolder;

    public TestDatabase()
    {
        _postgresAdmin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (IsPostgres)
        {
            _postgresName = "gatehouse_test_" + Guid.NewGuid().ToString("N")[..12];
            using var connection = new NpgsqlConnection(_postgresAdmin);
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresName}", connection);
            create.ExecuteNonQuery();
            ConnectionString = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresName }
                .ConnectionString;
        }
        else
        {
            _sqliteFolder = Directory.CreateTempSubdirectory("gatehouse-test-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_sqliteFolder, "gatehouse.db")}";
        }
    }

    public bool IsPostgres => !string.IsNullOrEmpty(_postgresAdmin);

    public string Provider => IsPostgres ? "Postgres" : "Sqlite";

    public string ConnectionString { get; }

    /// <summary>
    /// Whether anything has been stored yet: the SQLite file exists, or the PostgreSQL database holds a table.
    /// </summary>
    public async Task<bool> HasContentAsync()
    {
        if (!IsPostgres)
        {
            return File.Exists(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource);
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        return (long)(await count.ExecuteScalarAsync())! > 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync();
        }
        else if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }

    // WITH (FORCE) ends the other sessions on the database, but a role without pg_signal_backend may not end
    // one of another role, such as an autovacuum worker that has just started on the test database, and the
    // drop is refused. Such a session is done within moments, so a refused drop is tried again.
    private async Task DropAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_postgresAdmin);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand(
                    $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }
}
