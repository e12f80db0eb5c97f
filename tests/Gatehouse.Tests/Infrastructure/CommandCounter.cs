using System.Data.Common;
using Gatehouse.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands the server runs. EF Core creates one command per statement it executes, so
/// counting creations counts round trips.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }
}

public static class CommandCounting
{
    /// <summary>The application on the same database, its SQL commands counted by <paramref name="counter"/>.</summary>
    public static WebApplicationFactory<Program> WithCounter(this GatehouseApplication app, CommandCounter counter) =>
        app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteGatehouseDbContext>(db => db.AddInterceptors(counter));
            services.ConfigureDbContext<PostgresGatehouseDbContext>(db => db.AddInterceptors(counter));
        }));
}
