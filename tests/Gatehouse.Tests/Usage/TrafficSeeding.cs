using Gatehouse.Tests.Infrastructure;
using Gatehouse.Usage;

namespace Gatehouse.Tests.Usage;

/// <summary>Counts traffic through <see cref="TrafficCounter"/>, the way the data plane counts events.</summary>
public static class TrafficSeeding
{
    /// <summary>The start of the clock's current minute.</summary>
    public static DateTime Minute(this GatehouseApplication app) =>
        TrafficCounter.MinuteOf(app.Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Counts events of one name and site at <paramref name="at"/>, which also becomes the recorded time of the
    /// last receive (when <paramref name="received"/> is not 0) and of the last publish (likewise).
    /// </summary>
    public static Task CountTrafficAsync(
        this GatehouseApplication app,
        string tenantId,
        string pixelId,
        DateTime at,
        string eventName,
        string site = "",
        long received = 0,
        long published = 0,
        long dropped = 0,
        long failed = 0) =>
        app.WithDbAsync(db => TrafficCounter.AddAsync(db,
            [
                new TrafficCount
                {
                    TenantId = tenantId,
                    PixelId = pixelId,
                    Start = at,
                    EventName = eventName,
                    Site = site,
                    Received = received,
                    Published = published,
                    Dropped = dropped,
                    Failed = failed,
                    LastReceivedAt = received > 0 ? at : null,
                    LastPublishedAt = published > 0 ? at : null,
                },
            ],
            CancellationToken.None));

    public static long UnixMilliseconds(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeMilliseconds();
}
