using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Usage;

namespace Gatehouse.Events;

/// <summary>
/// Checks events in the Conversions API's server event format and rewrites their user data for publishing.
/// Fields the gateway does not need to look at pass unchanged, so newer Conversions API fields keep working.
/// </summary>
/// <remarks>https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/server-event</remarks>
public static class ServerEvents
{
    public const int MaxEventIdLength = 256;

    public const int MaxUrlLength = 2048;

    /// <summary>The values of <c>action_source</c> that the Conversions API accepts.</summary>
    public static readonly IReadOnlySet<string> ActionSources = new HashSet<string>(StringComparer.Ordinal)
    {
        "email", "website", "app", "phone_call", "chat", "physical_store", "system_generated",
        "business_messaging", "other",
    };

    /// <summary>
    /// Reads one event. Returns null and sets <paramref name="error"/> (naming the field, under
    /// <paramref name="path"/>) when the event breaks a rule.
    /// </summary>
    public static IncomingEvent? Read(JsonNode? node, string path, DateTime now, IntakeOptions options,
        out string? error)
    {
        error = Check(node, path, now, options, out var source);
        if (error is not null)
        {
            return null;
        }

        // The parsed request is the gateway's own, so the event is rewritten in place rather than copied.
        var payload = source!;
        if (payload["user_data"] is JsonObject sent)
        {
            var userData = new JsonObject();
            if (UserDataHasher.AddTo(userData, sent) is { } field)
            {
                error = $"{path}.user_data.{field} must be a string or a list of strings.";
                return null;
            }

            payload["user_data"] = userData;
        }

        payload["event_time"] = EventTime(payload["event_time"]);
        return Finish(payload, path, options, out error);
    }

    /// <summary>Serialises a checked payload, refusing it when it is larger than one event may be.</summary>
    public static IncomingEvent? Finish(JsonObject payload, string path, IntakeOptions options, out string? error)
    {
        var json = payload.ToJsonString();
        if (json.Length > options.MaxEventBytes)
        {
            error = $"{path} is larger than {options.MaxEventBytes} bytes.";
            return null;
        }

        error = null;
        var name = payload["event_name"]!.GetValue<string>();
        return new IncomingEvent(name, IncomingEvent.SiteOf(Text(payload["event_source_url"])), json);
    }

    /// <summary>Whether <paramref name="name"/> can be an event name: 1 to 100 characters, not blank.</summary>
    public static bool IsEventName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= TrafficBucket.MaxEventNameLength;

    private static string? Check(JsonNode? node, string path, DateTime now, IntakeOptions options,
        out JsonObject? source)
    {
        source = node as JsonObject;
        if (source is null)
        {
            return $"{path} must be a JSON object.";
        }

        if (!IsEventName(Text(source["event_name"])))
        {
            return $"{path}.event_name is required: 1 to {TrafficBucket.MaxEventNameLength} characters.";
        }

        if (EventTime(source["event_time"]) is not { } seconds)
        {
            return $"{path}.event_time is required: a Unix time in seconds.";
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799)).UtcDateTime;
        if (time < now - options.MaxEventAge || time > now + options.MaxClockSkew)
        {
            return $"{path}.event_time must be within the last {options.MaxEventAge.TotalDays:0} days "
                + $"and at most {options.MaxClockSkew.TotalMinutes:0} minutes ahead of the gateway's clock.";
        }

        if (Text(source["action_source"]) is not { } actionSource || !ActionSources.Contains(actionSource))
        {
            return $"{path}.action_source is required: one of {string.Join(", ", ActionSources)}.";
        }

        return CheckOptional(source, path);
    }

    private static string? CheckOptional(JsonObject source, string path)
    {
        if (source["event_id"] is { } id && (Text(id) is not { Length: > 0 and <= MaxEventIdLength }))
        {
            return $"{path}.event_id must be a string of 1 to {MaxEventIdLength} characters.";
        }

        if (source["event_source_url"] is { } url && Text(url) is not { Length: <= MaxUrlLength })
        {
            return $"{path}.event_source_url must be a string of at most {MaxUrlLength} characters.";
        }

        if (source.ContainsKey("user_data") && source["user_data"] is not JsonObject)
        {
            return $"{path}.user_data must be a JSON object.";
        }

        return source.ContainsKey("custom_data") && source["custom_data"] is not JsonObject
            ? $"{path}.custom_data must be a JSON object."
            : null;
    }

    /// <summary>The node's text when it is a JSON string, otherwise null.</summary>
    internal static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The Conversions API takes event_time as a number; senders that write it as a string of digits also work.
    private static long? EventTime(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return value.TryGetValue<long>(out var whole) ? whole : null;
        }

        return value.TryGetValue<string>(out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;
    }
}
