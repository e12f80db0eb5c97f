using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Data;

// Each provider has its own migrations; a model change that lacks a migration for either one fails here.
public sealed class PendingModelChangesTests
{
    [Fact]
    public void SqliteModel_ComparedWithItsMigrations_HasNoPendingChanges()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        var pending = db.Database.HasPendingModelChanges();

        Assert.False(pending, "The model has changes without a SQLite migration: add one for each provider.");
    }

    [Fact]
    public void PostgresModel_ComparedWithItsMigrations_HasNoPendingChanges()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        var pending = db.Database.HasPendingModelChanges();

        Assert.False(pending, "The model has changes without a PostgreSQL migration: add one for each provider.");
    }
}
