namespace Gatehouse.Events;

/// <summary>What became of one request to the Conversions API.</summary>
public enum PublishOutcome
{
    /// <summary>The Conversions API accepted the batch.</summary>
    Published,

    /// <summary>The batch may succeed later: a timeout, a lost connection, an overload or a throttle.</summary>
    Transient,

    /// <summary>Sending the batch again would fail again: a bad token or parameter, a missing permission.</summary>
    Permanent,
}

/// <summary>
/// A Graph API error object. Its <c>message</c> is not kept: Graph API messages can quote the request,
/// access token included, and this record is logged.
/// </summary>
public sealed record GraphApiError(int Code, int? Subcode, string? Type, bool IsTransient, string? FbTraceId)
{
    /// <summary>The Graph API code of an access token that is invalid, expired or revoked.</summary>
    public const int InvalidTokenCode = 190;

    /// <summary>
    /// The error as the API shows it in <c>apiErrorCode</c>: <c>&lt;code&gt;.&lt;subcode&gt;</c>, with 0 for a
    /// missing subcode (the Graph API uses no subcode 0), so the value always has the documented shape.
    /// </summary>
    public string ApiErrorCode => $"{Code}.{Subcode ?? 0}";
}

/// <summary>
/// The answer to one request: its outcome, the HTTP status (null when none arrived), the Graph API error
/// when the body held one, and a short description for logs that never holds the token or the events.
/// </summary>
public sealed record PublishResult(PublishOutcome Outcome, int? Status, GraphApiError? Error, string Reason)
{
    public static PublishResult Published(int status) =>
        new(PublishOutcome.Published, status, null, "accepted");

    public static PublishResult Transient(string reason) => new(PublishOutcome.Transient, null, null, reason);

    public static PublishResult Permanent(string reason) => new(PublishOutcome.Permanent, null, null, reason);
}
