using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Pixels;
using Microsoft.AspNetCore.Http.Features;

namespace Gatehouse.Events;

/// <summary>Reading intake requests: bodies within their limits, batches, tokens and client addresses.</summary>
public static class IntakeRequests
{
    /// <summary>
    /// Reads a batch request: its list of events (null when there is none) and the token it was sent with.
    /// The token may come as a bearer token, in the query string or in the body, as the Graph API allows.
    /// <c>Readable</c> is false when the JSON (the body, or a form's <c>data</c> field) does not parse.
    /// </summary>
    public static (JsonArray? Data, string? Token, bool Readable) ReadBatch(HttpContext context, byte[] body)
    {
        string? token = null;
        JsonNode? data = null;
        var readable = true;
        if (context.Request.HasFormContentType)
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            if (form.TryGetValue("data", out var text))
            {
                data = Parse(Encoding.UTF8.GetBytes(text.ToString()));
                readable = data is not null;
            }

            token = form.TryGetValue("access_token", out var formToken) ? formToken.ToString() : null;
        }
        else
        {
            var parsed = Parse(body);
            readable = parsed is not null;
            var json = parsed as JsonObject;
            data = json?["data"];
            token = json?["access_token"] is JsonValue value && value.TryGetValue<string>(out var bodyToken)
                ? bodyToken
                : null;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (context.Request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            token = queryToken;
        }

        return (data as JsonArray, token, readable);
    }

    // Hashing first makes the comparison take the same time whatever the lengths of the two tokens.
    public static bool TokenMatches(string? stored, string? sent) =>
        stored is not null && sent is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(stored)), SHA256.HashData(Encoding.UTF8.GetBytes(sent)));

    public static bool PixelIdIsInvalid(string pixelId) =>
        pixelId.Length is 0 or > PixelIds.MaxLength || !pixelId.All(char.IsAsciiDigit);

    public static async Task<(byte[] Body, IResult? Problem)> ReadBodyAsync(
        HttpContext context,
        int maxBytes,
        string[] mediaTypes)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim() ?? "";
        if (!mediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return ([], IntakeResults.Error(context, 415, IntakeResults.InvalidParameter,
                $"Content-Type must be {string.Join(" or ", mediaTypes)}."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            buffer.SetLength(maxBytes + 1L);
        }

        return buffer.Length > maxBytes
            ? ([], IntakeResults.Error(context, 413, IntakeResults.InvalidParameter,
                $"The body must be at most {maxBytes} bytes."))
            : (buffer.ToArray(), null);
    }

    // A name given twice in one object makes the JSON invalid: which of the two values would count is not defined.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The body as a JSON tree, or null when it is not valid JSON.</summary>
    public static JsonNode? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: Strict);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}
