using System.Net;
using Gatehouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Hosting;

/// <summary>Who may read /metrics. Each test starts an application of its own with the settings it needs.</summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task Metrics_AddressOutsideAllowedNetworks_Returns404()
    {
        await using var defaults = await OwnedApplication.StartAsync();

        var response = await defaults.App.Server.SendAsync(context => RequestMetricsFrom(context, "203.0.113.7"));

        Assert.Equal(StatusCodes.Status404NotFound, response.Response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AddressInAllowedNetwork_ReturnsMetrics()
    {
        await using var allowing = await OwnedApplication.StartAsync(("Metrics:AllowedNetworks:0", "203.0.113.0/24"));

        var response = await allowing.App.Server.SendAsync(context => RequestMetricsFrom(context, "203.0.113.7"));

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        Assert.StartsWith("text/plain", response.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Disabled_Returns404()
    {
        await using var disabled = await OwnedApplication.StartAsync(("Metrics:Enabled", "false"));
        using var client = disabled.App.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_LoopbackClientOnKestrel_ReadsApplicationRequestAndRuntimeMetrics()
    {
        await using var kestrel = new OwnedApplication(new GatehouseApplication());
        kestrel.App.UseKestrel(0);
        kestrel.App.StartServer();
        var server = kestrel.App.Services.GetRequiredService<IServer>();
        var address = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var refused = await client.PostAsync("/clients/token", new StringContent("not a form"));

        var text = await PrometheusText.ScrapeAsync(client);

        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.Contains("# TYPE gatehouse_token_requests_total counter", text, StringComparison.Ordinal);
        Assert.Equal(1, PrometheusText.Sample(text, "gatehouse_token_requests_total", "outcome=\"invalid_request\""));
        Assert.Contains("\nhttp_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("\ndotnet_gc_", text, StringComparison.Ordinal);
    }

    private static void RequestMetricsFrom(HttpContext context, string address)
    {
        context.Request.Method = "GET";
        context.Request.Path = "/metrics";
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
    }

    /// <summary>An application of one test's own, disposed with its database.</summary>
    private sealed class OwnedApplication(GatehouseApplication app) : IAsyncDisposable
    {
        public GatehouseApplication App { get; } = app;

        public static async Task<OwnedApplication> StartAsync(params (string Key, string Value)[] settings)
        {
            var owned = new OwnedApplication(new GatehouseApplication());
            foreach (var (key, value) in settings)
            {
                owned.App.Settings[key] = value;
            }

            await owned.App.InitializeAsync();
            return owned;
        }

        public async ValueTask DisposeAsync() => await ((IAsyncLifetime)App).DisposeAsync();
    }
}
