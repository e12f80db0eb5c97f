using Microsoft.Extensions.Logging.Console;

namespace Gatehouse.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// One clock, structured console logs, Kestrel limits, problem details, start-up tasks and metrics.
    /// </summary>
    public static WebApplicationBuilder AddGatehouseHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            console.UseUtcTimestamp = true;
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });

        // No endpoint takes more than a small JSON or form body; GraphQL checks its own, lower limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddProblemDetails();
        builder.Services.AddHostedService<StartupTasks>();
        builder.AddGatehouseMetrics();
        return builder;
    }
}
