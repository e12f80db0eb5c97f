using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Tests.Events;

/// <summary>A request as the fake Conversions API received it, and the status it answered with.</summary>
public sealed record CapiRequest(
    string Path,
    string Query,
    string? ContentType,
    string? AccessToken,
    IReadOnlyList<JsonObject> Events,
    int Status)
{
    public string PixelId => Path.Split('/')[2];

    public IReadOnlyList<string> EventIds => [.. Events.Select(e => e["event_id"]?.GetValue<string>() ?? "")];
}

/// <summary>One scripted answer: an HTTP status and a JSON body.</summary>
public sealed record CapiAnswer(int Status, string Body)
{
    public static CapiAnswer ServerError { get; } = GraphError(500, 2, null, "OAuthException", true);

    public static CapiAnswer Throttled { get; } = GraphError(429, 17, 2446079, "OAuthException", true);

    public static CapiAnswer InvalidToken { get; } = GraphError(400, 190, 463, "OAuthException", false);

    public static CapiAnswer InvalidParameter { get; } =
        GraphError(400, 100, null, "GraphMethodException", false);

    /// <summary>A proxy's error page: no Graph API error object.</summary>
    public static CapiAnswer BadGateway { get; } = new(502, "<html><body>502 Bad Gateway</body></html>");

    /// <summary>No answer at all: the request hangs until the caller gives up on it.</summary>
    public static CapiAnswer Hang { get; } = new(0, "");

    /// <summary>A Graph API error body; a null <paramref name="subcode"/> leaves error_subcode out.</summary>
    public static CapiAnswer GraphError(int status, int code, int? subcode, string type, bool isTransient)
    {
        var error = new JsonObject
        {
            ["message"] = "Scripted error from the fake Conversions API",
            ["type"] = type,
            ["code"] = code,
            ["is_transient"] = isTransient,
            ["fbtrace_id"] = "FakeTrace" + code,
        };
        if (subcode is { } value)
        {
            error["error_subcode"] = value;
        }

        return new CapiAnswer(status, new JsonObject { ["error"] = error }.ToJsonString());
    }
}

/// <summary>
/// A stand-in for the Graph API's Conversions API endpoint, listening on loopback over real HTTP. It
/// answers <c>POST /{version}/{pixel}/events</c> as Meta does when it takes a batch, unless a pixel has
/// scripted answers queued, and records every request it gets.
/// </summary>
public sealed class FakeConversionsApi : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<CapiRequest> _requests = [];
    private readonly Dictionary<string, Queue<CapiAnswer>> _scripts = [];
    private readonly WebApplication _app;

    private FakeConversionsApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<CapiRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeConversionsApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConversionsApi(app);
        app.MapPost("/{version}/{pixelId}/events", fake.AnswerAsync);
        await app.StartAsync();
        var server = app.Services.GetRequiredService<IServer>();
        fake.BaseUrl = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return fake;
    }

    /// <summary>The next requests for the pixel get these answers, one each, in order.</summary>
    public void Script(string pixelId, params CapiAnswer[] answers)
    {
        lock (_lock)
        {
            if (!_scripts.TryGetValue(pixelId, out var queue))
            {
                queue = new Queue<CapiAnswer>();
                _scripts[pixelId] = queue;
            }

            foreach (var answer in answers)
            {
                queue.Enqueue(answer);
            }
        }
    }

    public IReadOnlyList<CapiRequest> RequestsFor(string pixelId) =>
        [.. Requests.Where(r => r.PixelId == pixelId)];

    /// <summary>The event ids of every batch the fake accepted for the pixel, in order.</summary>
    public IReadOnlyList<string> AcceptedEventIds(string pixelId) =>
        [.. RequestsFor(pixelId).Where(r => r.Status == 200).SelectMany(r => r.EventIds)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context, string version, string pixelId)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        var data = body["data"]!.AsArray();
        var accepted = $$"""{"events_received":{{data.Count}},"messages":[],"fbtrace_id":"FakeOk"}""";
        var answer = NextAnswer(pixelId) ?? new CapiAnswer(200, accepted);
        lock (_lock)
        {
            _requests.Add(new CapiRequest(
                context.Request.Path,
                context.Request.QueryString.Value ?? "",
                context.Request.ContentType,
                body["access_token"]?.GetValue<string>(),
                [.. data.Select(e => e!.AsObject())],
                answer.Status));
        }

        if (answer == CapiAnswer.Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body);
    }

    private CapiAnswer? NextAnswer(string pixelId)
    {
        lock (_lock)
        {
            return _scripts.TryGetValue(pixelId, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }
}
