using System.Text.Json.Nodes;
using Gatehouse.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gatehouse.Events;

/// <summary>
/// Where events come in: <c>POST /events</c> from browser pixels, one event a request, and
/// <c>POST /capi/{pixelId}/events</c> from servers, in the Conversions API's own format. An event is
/// answered only once it is stored, and stored only once it passed every check.
/// </summary>
public static class EventIntake
{
    public static IEndpointRouteBuilder MapEventIntake(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events", ReceivePixelEventAsync).DisableAntiforgery();
        app.MapMethods("/events", [HttpMethods.Options], AllowPreflight);
        app.MapPost("/capi/{pixelId}/events", ReceiveBatchAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// A browser pixel's event. Browsers send it as <c>text/plain</c>, a CORS simple request; the answer names
    /// the page's origin unless a domain filter blocks its site, and carries no cookies either way.
    /// </summary>
    private static async Task<IResult> ReceivePixelEventAsync(
        HttpContext context,
        [AsParameters] IntakeServices services)
    {
        var options = services.Options.Value;
        var (body, problem) = await IntakeRequests.ReadBodyAsync(
            context, options.MaxEventBytes, ["text/plain", "application/json"]);
        if (problem is not null)
        {
            return Rejected(services, "pixel", problem);
        }

        if (IntakeRequests.Parse(body) is not JsonObject json)
        {
            return Rejected(services, "pixel", IntakeResults.Error(context, 400, IntakeResults.InvalidParameter,
                "The body must be a JSON object."));
        }

        if (PixelEvents.PixelIdOf(json) is not { } pixelId)
        {
            return Rejected(services, "pixel", IntakeResults.Error(context, 400, IntakeResults.InvalidParameter,
                "fb.pixel_id is required: a Meta Pixel ID of 1 to 32 digits."));
        }

        var ct = context.RequestAborted;
        var pixel = await services.Pixels.FindAsync(pixelId, ct);
        if (Refusal(context, pixel, pixelId) is { } refusal)
        {
            return await RefuseAsync(services, pixel, pixelId, 1, "pixel", refusal);
        }

        var request = new PixelRequest(services.Clock.GetUtcNow().UtcDateTime, IntakeRequests.ClientAddress(context),
            context.Request.Headers.UserAgent.ToString(), context.Request.Headers.Origin.ToString());
        var incoming = PixelEvents.Read(json, request, pixel!.Enrich, options, out var error);
        if (incoming is null)
        {
            return await RefuseAsync(services, pixel, pixelId, 1, "pixel",
                IntakeResults.Error(context, 400, IntakeResults.InvalidParameter, error!), error);
        }

        AllowOrigin(context, pixel);
        return await StoreAsync(context, services, pixel, [incoming], "pixel");
    }

    /// <summary>
    /// A server's batch of up to 1,000 events, as the Conversions API takes them: JSON
    /// (<c>{"data":[...]}</c>) or a form with a <c>data</c> field. The sender proves it may write to the pixel
    /// with the pixel's own Conversions API access token, as a bearer token or an <c>access_token</c> field.
    /// A batch with one bad event is refused whole, as the Conversions API does.
    /// </summary>
    private static async Task<IResult> ReceiveBatchAsync(
        HttpContext context,
        string pixelId,
        [AsParameters] IntakeServices services)
    {
        if (IntakeRequests.PixelIdIsInvalid(pixelId))
        {
            return Rejected(services, "capi", IntakeResults.Error(context, 400, IntakeResults.InvalidParameter,
                "The path must name a Meta Pixel ID of 1 to 32 digits."));
        }

        var options = services.Options.Value;
        var (body, problem) = await IntakeRequests.ReadBodyAsync(context, options.MaxBatchBytes,
            ["application/json", "application/x-www-form-urlencoded"]);
        if (problem is not null)
        {
            return Rejected(services, "capi", problem);
        }

        var (data, token, readable) = IntakeRequests.ReadBatch(context, body);
        var pixel = await services.Pixels.FindAsync(pixelId, context.RequestAborted);
        if (pixel is not null && !IntakeRequests.TokenMatches(pixel.AccessToken, token))
        {
            // Not in the pixel's own counts: whoever lacks its token must not be able to move its usage.
            return Rejected(services, "capi", IntakeResults.Error(context, 401, IntakeResults.InvalidToken,
                "Invalid OAuth access token: send the pixel's Conversions API access token."), data?.Count ?? 0);
        }

        if (Refusal(context, pixel, pixelId) is { } refusal)
        {
            return await RefuseAsync(services, pixel, pixelId, data?.Count ?? 0, "capi", refusal);
        }

        var (events, error) = readable
            ? ReadEvents(data, services.Clock.GetUtcNow().UtcDateTime, options)
            : ([], "The body must be valid JSON, with each name at most once in an object.");
        return error is null
            ? await StoreAsync(context, services, pixel!, events, "capi")
            : await RefuseAsync(services, pixel, pixelId, data?.Count ?? 0, "capi",
                IntakeResults.Error(context, 400, IntakeResults.InvalidParameter, error), error);
    }

    private static NoContent AllowPreflight(HttpContext context)
    {
        if (context.Request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            var headers = context.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowMethods = "POST";
            headers.AccessControlAllowHeaders = "Content-Type";
            headers.AccessControlMaxAge = "86400";
            headers.Vary = "Origin";
        }

        return TypedResults.NoContent();
    }

    private static void AllowOrigin(HttpContext context, IntakePixel pixel)
    {
        var origin = context.Request.Headers.Origin.ToString();
        context.Response.Headers.Vary = "Origin";
        var site = IncomingEvent.SiteOf(origin);
        if (site.Length > 0 && pixel.Permits(site))
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
        }
    }

    private static IResult? Refusal(HttpContext context, IntakePixel? pixel, string pixelId)
    {
        if (pixel is null)
        {
            return IntakeResults.Error(context, 404, IntakeResults.InvalidParameter,
                $"Pixel {pixelId} is not connected to this gateway.");
        }

        return pixel.IsActive
            ? null
            : IntakeResults.Error(context, 403, IntakeResults.PermissionDenied,
                $"Pixel {pixelId} is not receiving events: its receiving switch is off.");
    }

    /// <summary>
    /// Counts a request refused before its pixel could be charged with it (unreadable, too large, or sent
    /// without the pixel's token) on /metrics only, as one event when its events cannot be counted.
    /// </summary>
    private static IResult Rejected(IntakeServices services, string source, IResult answer, int events = 1)
    {
        services.Metrics.EventsReceived(source, "rejected", Math.Max(events, 1));
        return answer;
    }

    private static async Task<IResult> RefuseAsync(
        IntakeServices services,
        IntakePixel? pixel,
        string pixelId,
        int events,
        string source,
        IResult answer,
        string? reason = null)
    {
        var count = Math.Max(events, 1);
        services.Metrics.EventsReceived(source, "rejected", count);
        var why = reason ?? (pixel is null ? "unknown pixel" : "not receiving");
        IntakeLog.Refused(services.Logger, count, pixelId, source, why);
        if (pixel is not null)
        {
            var now = services.Clock.GetUtcNow().UtcDateTime;
            await services.Writer.WriteAsync(new EventWrite(pixel, [], [], count, now));
        }

        return answer;
    }

    private static async Task<IResult> StoreAsync(
        HttpContext context,
        IntakeServices services,
        IntakePixel pixel,
        List<IncomingEvent> events,
        string source)
    {
        var split = events.ToLookup(e => pixel.Publishes(e.EventName, e.Site));
        List<IncomingEvent> queued = [.. split[true]];
        List<IncomingEvent> dropped = [.. split[false]];

        // Limitation: the bound is checked against this instance's estimate before the write, not inside it,
        // so requests in flight together (and other instances' writes between two counts) can take the queue
        // past MaxQueueDepth by what they carry; it is a guard for the disk, not an exact limit.
        var depth = services.Depth.Current;
        if (queued.Count > 0 && depth + queued.Count > services.Options.Value.MaxQueueDepth)
        {
            services.Metrics.EventsReceived(source, "throttled", events.Count);
            IntakeLog.QueueFull(services.Logger, events.Count, pixel.PixelId, depth);
            context.Response.Headers.RetryAfter = "5";
            return IntakeResults.Error(context, 503, IntakeResults.Temporary,
                "The gateway's queue is full; try again in a few seconds.", "TemporaryException");
        }

        // The write goes on if the sender hangs up: once queued for storing, its events are stored.
        await services.Writer.WriteAsync(new EventWrite(pixel, queued, dropped, 0,
            services.Clock.GetUtcNow().UtcDateTime));
        services.Depth.Added(queued.Count);
        if (queued.Count > 0)
        {
            services.Signal.Notify();
        }
        services.Metrics.EventsReceived(source, "queued", queued.Count);
        services.Metrics.EventsReceived(source, "dropped", dropped.Count);
        IntakeLog.Stored(services.Logger, queued.Count, dropped.Count, pixel.PixelId);
        return IntakeResults.Received(context, events.Count);
    }

    private static (List<IncomingEvent> Events, string? Error) ReadEvents(
        JsonArray? data,
        DateTime now,
        IntakeOptions options)
    {
        if (data is not { Count: > 0 and <= IntakeOptions.MaxEventsPerRequest })
        {
            return ([], $"data is required: a list of 1 to {IntakeOptions.MaxEventsPerRequest} events.");
        }

        var events = new List<IncomingEvent>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            if (ServerEvents.Read(data[i], $"data[{i}]", now, options, out var error) is not { } incoming)
            {
                return ([], error);
            }

            events.Add(incoming);
        }

        return (events, null);
    }

    /// <summary>The services every intake request uses.</summary>
    private sealed record IntakeServices(
        IntakePixels Pixels,
        EventWriter Writer,
        QueueDepth Depth,
        PublishSignal Signal,
        TimeProvider Clock,
        GatehouseMetrics Metrics,
        IOptions<IntakeOptions> Options,
        ILoggerFactory Loggers)
    {
        public ILogger Logger => Loggers.CreateLogger(typeof(EventIntake));
    }
}
