using System.Text.Json.Nodes;
using GraphQL.Types;

namespace Gatehouse.Hub.Reference;

/// <summary>
/// Plausible sample values for the reference's examples, chosen by the field's name and the type it belongs
/// to, so that an example reads like a real call (an email looks like an email, an account id like one).
/// </summary>
public static class SampleValues
{
    public const string AccountId = "hU2koC34";

    public const string UserId = "3f2b8c1e-5d47-4a9b-9e2f-7c6a1d0b4e58";

    /// <summary>A Meta Pixel ID: digits, as <c>/capig/graphql/</c> requires.</summary>
    public const string PixelId = "1234567890123456";

    public const string EventName = "Purchase";

    public const string Domain = "shop.example.com";

    // Unix milliseconds of the sample time below (2025-06-18T09:30:00Z).
    private const long SampleMilliseconds = 1750239000000;

    /// <summary>A value of the scalar or enum <paramref name="type"/> for <paramref name="field"/>.</summary>
    /// <param name="owner">The type the field belongs to, or the operation's name for an argument.</param>
    /// <param name="field">The field's or argument's name.</param>
    /// <param name="type">A scalar or enum type.</param>
    /// <param name="isOperationResult">Whether the value is what an operation itself returns.</param>
    public static JsonNode For(string owner, string field, IGraphType type, bool isOperationResult = false) =>
        type switch
        {
            EnumerationGraphType enumeration => JsonValue.Create(enumeration.Values.First().Name),
            BooleanGraphType => JsonValue.Create(isOperationResult
                || field == "canPartnerManage"
                || (owner == "ConnectionStatus" && field != "badToken")),
            IntGraphType or LongGraphType or FloatGraphType or DecimalGraphType =>
                JsonValue.Create(Number(owner, field)),
            _ => JsonValue.Create(Text(owner, field)),
        };

    private static long Number(string owner, string field) =>
        field switch
        {
            "durationInHours" => 24,
            "timeWindowMin" => 60,
            "status" when owner == "SignalConfigStatusInput" => 1,
            "lastPublished" or "lastReceived" => SampleMilliseconds,
            "status" when owner == "User" => 1,
            _ when Has(field, "Inactive") => 0,
            _ when field.StartsWith("total", StringComparison.Ordinal) => 1,
            _ => 0,
        };

    private static string Text(string owner, string field) =>
        field switch
        {
            "id" when CapigId(owner) is { } id => id,
            "id" when Has(owner, "SignalConfig") || owner == "deleteDataSource" => PixelId,
            "connectionId" => PixelId,
            "businessId" => "987654321098765",
            "accessToken" => "EAAGm0PX4ZCpsBAExampleAccessToken",
            "apiVersion" => "v17.0",
            "apiErrorCode" => "190.463",
            "dataSetType" => "PIXEL",
            "targetId" => "",
            "lastUpdated" => SampleMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "eventName" => EventName,
            "name" when owner == "EventActivity" => EventName,
            "domain" or "domains" or "domainName" => Domain,
            "pixelName" => "Example pixel",
            "name" when owner == "PixelConnectionCreationInput" => "Example pixel",
            _ when Has(field, "email") => "person@example.com",
            _ when Has(field, "invitation") || Has(field, "link") =>
                "https://gateway.example.com/auth/verify/?token=Vb3nQ7xKp2LmR9tZc4WdHe&et=inv"
                + "&email=person%40example.com",
            "roleToRevoke" => "advertiser-view-" + AccountId,
            _ when Has(field, "role") || (owner == "Role" && field == "name") => "advertiser-manage-" + AccountId,
            "displayName" when owner == "Role" => "manage",
            "userId" => UserId,
            "id" when owner == "User" => UserId,
            _ when Has(field, "pixel") => "1234567890123456",
            "id" => AccountId,
            _ when field.EndsWith("Id", StringComparison.Ordinal) => AccountId,
            _ when field.EndsWith("At", StringComparison.Ordinal) => "2025-06-18T09:30:00Z",
            _ when Has(field, "expiry") => "2026-12-31",
            _ when Has(field, "name") => "Example account",
            _ => "example",
        };

    // The ids of /capig/graphql/'s objects name their type and what they describe.
    private static string? CapigId(string owner) =>
        owner switch
        {
            "SignalConfig" or "ConnectionStatus" => owner + ":" + PixelId,
            "EventMetricsSnapshot" => owner + ":" + AccountId,
            "EventTrafficSummary" => owner + ":incoming",
            "ConversionsApiPublishSummary" => owner + ":global",
            "EventActivity" => owner + ":" + EventName,
            "DomainActivity" => owner + ":" + Domain,
            "EventFilter" => $"{owner}:{EventName}:{PixelId}",
            "DomainFilter" => $"{owner}:{Domain}:{PixelId}",
            _ => null,
        };

    private static bool Has(string field, string word) => field.Contains(word, StringComparison.OrdinalIgnoreCase);
}
