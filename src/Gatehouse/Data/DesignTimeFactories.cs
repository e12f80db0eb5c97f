using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gatehouse.Data;

// The EF Core tools use these to build each provider's model when a migration is added; no database is opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGatehouseDbContext>
{
    public SqliteGatehouseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGatehouseDbContext>()
            .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGatehouseDbContext>
{
    public PostgresGatehouseDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGatehouseDbContext>()
            .UseNpgsql("Host=localhost;Database=gatehouse").Options);
}
