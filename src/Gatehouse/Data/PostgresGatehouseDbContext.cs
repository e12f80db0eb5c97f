using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Data;

/// <summary>The model on PostgreSQL; its migrations live in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresGatehouseDbContext(DbContextOptions<PostgresGatehouseDbContext> options)
    : GatehouseDbContext(options);
