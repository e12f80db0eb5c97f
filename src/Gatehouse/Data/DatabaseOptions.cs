namespace Gatehouse.Data;

/// <summary>Which database the control plane keeps its state in (configuration section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The connection string used when <c>ConnectionStrings:Gatehouse</c> is not set.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/gatehouse.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Whether the server applies pending migrations when it starts. Null means the provider's default:
    /// yes for SQLite (one process owns the file), no for PostgreSQL, where several instances may start at
    /// once and migrations are an explicit step (<c>gatehouse migrate</c>).
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
