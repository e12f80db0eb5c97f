using System.Net;
using Gatehouse.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Gatehouse.Hosting;

/// <summary>Operator metrics in the Prometheus text format at <c>GET /metrics</c>.</summary>
public static class MetricsExtensions
{
    public const string Path = "/metrics";

    /// <summary>
    /// Registers <see cref="GatehouseMetrics"/> and, unless <c>Metrics:Enabled</c> is false, an OpenTelemetry
    /// meter provider that collects it with ASP.NET Core's request and the runtime's GC and thread metrics.
    /// </summary>
    public static WebApplicationBuilder AddGatehouseMetrics(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MetricsOptions.SectionName);
        builder.Services.AddOptions<MetricsOptions>().Bind(section)
            .Validate(options => options.AllowedNetworks.All(n => IPNetwork.TryParse(n, out _)),
                "Metrics:AllowedNetworks must hold CIDR ranges such as 10.0.0.0/8 or fd00::/8.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<QueueDepth>();
        builder.Services.AddSingleton<GatehouseMetrics>();
        if (!section.GetValue(nameof(MetricsOptions.Enabled), true))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatehouseMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // Scrapes come every few seconds at most; a cached answer would hide what just happened.
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /metrics</c> for loopback clients and <c>Metrics:AllowedNetworks</c>; anyone else, and
    /// everyone when metrics are disabled, gets 404 so that the endpoint is not revealed.
    /// </summary>
    public static IEndpointRouteBuilder MapGatehouseMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var networks = options.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToArray();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch =>
            branch.Use(next => context =>
            {
                if (MetricsOptions.IsAllowed(context.Connection.RemoteIpAddress, networks))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }),
            optionsName: null);
        return app;
    }
}
