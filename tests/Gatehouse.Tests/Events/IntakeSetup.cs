using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Events;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Pixels;
using Gatehouse.Usage;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Events;

/// <summary>A pixel connected through the documented mutation, and what the intake stored and counted for it.</summary>
public sealed record ConnectedPixel(string TenantId, string PixelId, string AccessToken);

public static class IntakeSetup
{
    /// <summary>
    /// A new account with one pixel connected through <c>setupPixelSignalConfig</c>, with event enrichment on
    /// or off, and the access token that senders of its events must present.
    /// </summary>
    public static async Task<ConnectedPixel> ConnectSendingPixelAsync(
        this GatehouseApplication app,
        bool enrichment = true)
    {
        var (tenantId, pixelId) = await app.ConnectPixelAsync();
        await app.WithDbAsync(db => db.Tenants.Where(t => t.Id == tenantId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.EventEnrichment, enrichment)));
        return new ConnectedPixel(tenantId, pixelId, PixelSamples.AccessToken);
    }

    /// <summary>
    /// Turns a switch off through the documented mutation: <see cref="PixelSamples.Receive"/> or
    /// <see cref="PixelSamples.Publish"/>.
    /// </summary>
    public static async Task SwitchOffAsync(this GatehouseApplication app, ConnectedPixel pixel, string mutation)
    {
        using var api = await app.CreateApiClientAsync();
        var response = await api.PostGraphQLAsync(mutation,
            PixelSamples.StatusVariables(pixel.TenantId, 0, pixel.PixelId), PixelSamples.Endpoint);
        Assert.Null(response.Json["errors"]);
    }

    public static async Task<HttpResponseMessage> PostBatchAsync(
        this HttpClient client,
        ConnectedPixel pixel,
        string json,
        string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/capi/{pixel.PixelId}/events")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? pixel.AccessToken);
        return await client.SendAsync(request);
    }

    /// <summary>Posts one browser pixel event the way a browser does: text/plain, from a page's origin.</summary>
    public static async Task<HttpResponseMessage> PostPixelEventAsync(
        this HttpClient client,
        string json,
        string origin = "https://shop.example.com")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/events?cee=no")
        {
            Content = new StringContent(json, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", origin);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) IntakeTest/1.0");
        return await client.SendAsync(request);
    }

    /// <summary>A batch of server events sent now, named as given, each with a clear-text email.</summary>
    public static string Batch(DateTimeOffset now, params string[] names)
    {
        var data = new JsonArray();
        for (var i = 0; i < names.Length; i++)
        {
            data.Add(new JsonObject
            {
                ["event_name"] = names[i],
                ["event_time"] = now.ToUnixTimeSeconds(),
                ["event_id"] = $"event-{i}",
                ["action_source"] = "website",
                ["event_source_url"] = "https://shop.example.com/item/" + i,
                ["user_data"] = new JsonObject
                {
                    ["em"] = new JsonArray($"  Buyer{i}@Example.COM "),
                    ["client_ip_address"] = "203.0.113.7",
                    ["client_user_agent"] = "Mozilla/5.0",
                },
                ["custom_data"] = new JsonObject { ["value"] = 10.5, ["currency"] = "USD" },
            });
        }

        return new JsonObject { ["data"] = data }.ToJsonString();
    }

    public static Task<List<QueuedEvent>> QueuedAsync(this GatehouseApplication app, ConnectedPixel pixel) =>
        app.QueuedAsync(pixel.PixelId);

    /// <summary>The pixel's counts summed over every bucket: received, dropped, rejected.</summary>
    public static async Task<(long Received, long Dropped, long Rejected)> CountsAsync(
        this GatehouseApplication app,
        ConnectedPixel pixel)
    {
        List<TrafficBucket> buckets = [];
        await app.WithDbAsync(async db => buckets = await db.TrafficBuckets.AsNoTracking()
            .Where(b => b.PixelId == pixel.PixelId).ToListAsync());
        return (buckets.Sum(b => b.EventsReceived), buckets.Sum(b => b.EventsDropped),
            buckets.Sum(b => b.EventsRejected));
    }

    /// <summary>SHA-256 as lower-case hex, as the Conversions API expects hashed user data.</summary>
    public static string Sha256(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
