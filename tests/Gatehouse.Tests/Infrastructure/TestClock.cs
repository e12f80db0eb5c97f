namespace Gatehouse.Tests.Infrastructure;

/// <summary>A clock that tests move by hand; it starts at the real current time.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
