using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Data;

/// <summary>The model on an embedded SQLite file; its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteGatehouseDbContext(DbContextOptions<SqliteGatehouseDbContext> options)
    : GatehouseDbContext(options);
