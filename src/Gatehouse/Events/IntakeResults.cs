using System.Diagnostics;

namespace Gatehouse.Events;

/// <summary>
/// Answers of the intake in the Graph API's shape, so a sender written for the Conversions API reads them as
/// it reads Meta's: <c>events_received</c> on success, an <c>error</c> object with a numeric code otherwise.
/// </summary>
public static class IntakeResults
{
    /// <summary>Graph API code of an invalid parameter.</summary>
    public const int InvalidParameter = 100;

    /// <summary>Graph API code of an access token that is missing, wrong or expired.</summary>
    public const int InvalidToken = 190;

    /// <summary>Graph API code of a refusal for lack of permission.</summary>
    public const int PermissionDenied = 200;

    /// <summary>Graph API code of a temporary problem; senders try again later.</summary>
    public const int Temporary = 2;

    public static IResult Received(HttpContext context, int events) => TypedResults.Json(
        new { events_received = events, messages = Array.Empty<string>(), fbtrace_id = TraceId(context) });

    public static IResult Error(HttpContext context, int status, int code, string message, string type = "")
    {
        var error = new
        {
            message,
            type = type.Length > 0 ? type : code == InvalidToken ? "OAuthException" : "GraphMethodException",
            code,
            fbtrace_id = TraceId(context),
        };
        return TypedResults.Json(new { error }, statusCode: status);
    }

    private static string TraceId(HttpContext context) =>
        Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
