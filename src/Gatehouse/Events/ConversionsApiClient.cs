using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Gatehouse.Events;

/// <summary>
/// Sends batches of server events to the Conversions API (<c>POST {BaseUrl}/{version}/{pixel}/events</c>)
/// and says whether a failure is worth retrying. The access token travels in the JSON body, never in the
/// address, so it does not land in the logs of proxies or of the HTTP client; nothing here logs it.
/// </summary>
public sealed class ConversionsApiClient(HttpClient http)
{
    /// <summary>The HTTP client's name, for its settings and logs.</summary>
    public const string Name = "ConversionsApi";

    // Graph API codes for throttling and temporary trouble: unknown error, service unavailable, application
    // and user request limits, page limit, application limit, hourly call limit.
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 17, 32, 341, 613];

    // Business use case rate limits (ads insights, pages, ads management, catalogs, ...).
    private const int FirstBusinessLimitCode = 80000;
    private const int LastBusinessLimitCode = 80014;

    /// <summary>
    /// Sends one batch; <paramref name="payloads"/> are server events as JSON objects, sent as they are.
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="ct"/> is cancelled; every
    /// other failure is a result.
    /// </summary>
    /// <seealso href="https://developers.facebook.com/docs/marketing-api/conversions-api/using-the-api"/>
    public async Task<PublishResult> SendAsync(
        string pixelId,
        string apiVersion,
        string accessToken,
        IReadOnlyList<string> payloads,
        CancellationToken ct)
    {
        byte[] body;
        try
        {
            body = Body(payloads, accessToken);
        }
        catch (JsonException)
        {
            return PublishResult.Permanent("an event is not a JSON object");
        }

        var path = Uri.EscapeDataString(apiVersion) + "/" + Uri.EscapeDataString(pixelId) + "/events";
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await http.PostAsync(path, content, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return Classify((int)response.StatusCode, ReadError(text));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return PublishResult.Transient("timed out");
        }
        catch (HttpRequestException ex)
        {
            return PublishResult.Transient("no answer: " + ex.HttpRequestError);
        }
    }

    /// <summary>Sorts an answer into published, worth retrying, or refused for good.</summary>
    public static PublishResult Classify(int status, GraphApiError? error)
    {
        var reason = error is null
            ? "HTTP " + status.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture,
                $"HTTP {status}, Graph API error {error.ApiErrorCode} ({error.Type}, trace {error.FbTraceId})");
        if (status is >= 200 and < 300 && error is null)
        {
            return PublishResult.Published(status);
        }

        var transient = status >= 500
            || status == (int)HttpStatusCode.TooManyRequests
            || status == (int)HttpStatusCode.RequestTimeout
            || error is { IsTransient: true }
            || error is { Code: var code } && IsTransientCode(code);
        var outcome = transient ? PublishOutcome.Transient : PublishOutcome.Permanent;
        return new PublishResult(outcome, status, error, reason);
    }

    private static bool IsTransientCode(int code) =>
        TransientCodes.Contains(code) || code is >= FirstBusinessLimitCode and <= LastBusinessLimitCode;

    private static byte[] Body(IReadOnlyList<string> payloads, string accessToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var payload in payloads)
            {
                json.WriteRawValue(payload);
            }

            json.WriteEndArray();
            json.WriteString("access_token", accessToken);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>error</c> object of a Graph API answer, or null when the body holds none.</summary>
    internal static GraphApiError? ReadError(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object
                || !TryGetInt(error, "code", out var code))
            {
                return null;
            }

            return new GraphApiError(
                code,
                TryGetInt(error, "error_subcode", out var subcode) ? subcode : null,
                GetString(error, "type"),
                error.TryGetProperty("is_transient", out var transient) && transient.ValueKind == JsonValueKind.True,
                GetString(error, "fbtrace_id"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryGetInt(JsonElement element, string name, out int value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property)
            && property.ValueKind == JsonValueKind.Number
            && property.TryGetInt32(out value);
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : null;
}
