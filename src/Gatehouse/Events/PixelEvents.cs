using System.Text.Json.Nodes;
using Gatehouse.Pixels;

namespace Gatehouse.Events;

/// <summary>What the request of a browser pixel event tells beyond its body.</summary>
public sealed record PixelRequest(DateTime Now, string? ClientAddress, string? UserAgent, string? Origin);

/// <summary>
/// Reads the event a browser pixel posts to <c>/events</c> (one JSON object with <c>event_name</c>,
/// <c>event_id</c>, <c>fb.pixel_id</c>, <c>custom_data</c>, <c>website_context</c>, ...) and turns it into a
/// Conversions API server event: received now, from a website, with the address and browser of the request.
/// </summary>
public static class PixelEvents
{
    public const int MaxUserAgentLength = 512;

    /// <summary>The pixel the event names, or null when it names none that can be a pixel id.</summary>
    public static string? PixelIdOf(JsonObject body) =>
        ServerEvents.Text(body["fb.pixel_id"]) is { } id
        && id.Length is > 0 and <= PixelIds.MaxLength && id.All(char.IsAsciiDigit)
            ? id
            : null;

    /// <summary>
    /// Builds the server event. With <paramref name="enrich"/> (the account's event enrichment), the pixel's
    /// advanced matching data is added to the user data, hashed; without it that data is left out.
    /// </summary>
    public static IncomingEvent? Read(JsonObject body, PixelRequest request, bool enrich, IntakeOptions options,
        out string? error)
    {
        var name = ServerEvents.Text(body["event_name"]);
        if (!ServerEvents.IsEventName(name))
        {
            error = "event_name is required: 1 to 100 characters.";
            return null;
        }

        var eventId = ServerEvents.Text(body["event_id"]);
        if (eventId is { Length: > ServerEvents.MaxEventIdLength })
        {
            error = $"event_id must be at most {ServerEvents.MaxEventIdLength} characters.";
            return null;
        }

        var userData = new JsonObject();
        if (enrich && body["fb.advanced_matching"] is JsonObject matching
            && UserDataHasher.AddTo(userData, matching, contactOnly: true) is { } field)
        {
            error = $"fb.advanced_matching.{field} must be a string or a list of strings.";
            return null;
        }

        AddText(userData, "fbp", body["fb.fbp"]);
        AddText(userData, "fbc", body["fb.fbc"]);
        if (request.ClientAddress is { } address)
        {
            userData["client_ip_address"] = address;
        }

        if (request.UserAgent is { Length: > 0 } agent)
        {
            userData["client_user_agent"] = agent.Length > MaxUserAgentLength ? agent[..MaxUserAgentLength] : agent;
        }

        var payload = new JsonObject
        {
            ["event_name"] = name,
            ["event_time"] = new DateTimeOffset(request.Now).ToUnixTimeSeconds(),
            ["action_source"] = "website",
        };
        if (eventId is { Length: > 0 })
        {
            payload["event_id"] = eventId;
        }

        AddPage(payload, body, request);
        payload["user_data"] = userData;
        payload["custom_data"] = CustomData(body);
        return ServerEvents.Finish(payload, "event", options, out error);
    }

    // The page comes from website_context; a sender without one is placed by the Origin of its request.
    private static void AddPage(JsonObject payload, JsonObject body, PixelRequest request)
    {
        var context = body["website_context"] as JsonObject;
        var location = ServerEvents.Text(context?["location"]);
        if (location is { Length: > 0 and <= ServerEvents.MaxUrlLength })
        {
            payload["event_source_url"] = location;
        }
        else if (request.Origin is { Length: <= ServerEvents.MaxUrlLength } origin
            && IncomingEvent.SiteOf(origin).Length > 0)
        {
            payload["event_source_url"] = origin;
        }

        if (ServerEvents.Text(context?["referrer"]) is { Length: > 0 and <= ServerEvents.MaxUrlLength } referrer)
        {
            payload["referrer_url"] = referrer;
        }
    }

    // custom_data as sent, with the pixel's conversion value as value and currency where it has none.
    private static JsonObject CustomData(JsonObject body)
    {
        var custom = body["custom_data"] is JsonObject sent ? (JsonObject)sent.DeepClone() : [];
        if (body["conversion_value"] is JsonObject conversion)
        {
            foreach (var key in (string[])["value", "currency"])
            {
                if (!custom.ContainsKey(key) && conversion[key] is { } value)
                {
                    custom[key] = value.DeepClone();
                }
            }
        }

        return custom;
    }

    private static void AddText(JsonObject target, string key, JsonNode? node)
    {
        if (ServerEvents.Text(node) is { Length: > 0 and <= ServerEvents.MaxUrlLength } text)
        {
            target[key] = text;
        }
    }
}
