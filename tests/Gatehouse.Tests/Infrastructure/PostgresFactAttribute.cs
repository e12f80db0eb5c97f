namespace Gatehouse.Tests.Infrastructure;

/// <summary>
/// A test about behaviour that exists only on PostgreSQL. Without a PostgreSQL server to run it against
/// (see <see cref="TestDatabase"/>) it is reported as skipped, never as passed.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            Skip = $"Runs on PostgreSQL only: set {TestDatabase.PostgresVariable} to a connection string.";
        }
    }
}
