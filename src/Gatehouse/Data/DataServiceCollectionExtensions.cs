using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Data;

public static class DataServiceCollectionExtensions
{
    // A list in a query (`ids.Contains(e.Id)`) goes to the database as one parameter: a JSON array that SQLite
    // reads with json_each, an array for PostgreSQL's = ANY. One parameter per element would make each of the
    // publisher's statements over a thousand events bind a thousand parameters, which SQLite looks up by name
    // one linear search at a time.
    private const ParameterTranslationMode CollectionsAsOneParameter = ParameterTranslationMode.Parameter;

    /// <summary>
    /// Registers <see cref="GatehouseDbContext"/> on the configured provider (<c>Database:Provider</c>,
    /// <c>ConnectionStrings:Gatehouse</c>) and the migrator that prepares the database.
    /// </summary>
    public static IServiceCollection AddGatehouseData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        var connectionString = configuration.GetConnectionString("Gatehouse");
        services.AddSingleton(options);

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Gatehouse is empty. Set it, for example "
                    + "ConnectionStrings__Gatehouse='Host=127.0.0.1;Database=gatehouse;Username=...;Password=...'.");
            }

            services.AddDbContextPool<PostgresGatehouseDbContext>(db => db.UseNpgsql(
                connectionString, npgsql => npgsql.UseParameterizedCollectionMode(CollectionsAsOneParameter)));
            services.AddScoped<GatehouseDbContext>(sp => sp.GetRequiredService<PostgresGatehouseDbContext>());
        }
        else
        {
            // Limitation: SQLite takes one writer at a time and a writer that finds the file locked waits and
            // retries, so under many concurrent writes the slowest ones wait hundreds of milliseconds.
            var sqlite = new SqliteConnectionStringBuilder(
                connectionString ?? DatabaseOptions.DefaultSqliteConnectionString);
            services.AddDbContextPool<SqliteGatehouseDbContext>(db => db.UseSqlite(
                sqlite.ConnectionString, lite => lite.UseParameterizedCollectionMode(CollectionsAsOneParameter)));
            services.AddScoped<GatehouseDbContext>(sp => sp.GetRequiredService<SqliteGatehouseDbContext>());
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<WriteGate>();
        return services;
    }
}
