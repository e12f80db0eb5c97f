using System.Text.Json;

namespace Gatehouse.Tests.Pixels;

/// <summary>
/// The operations of Meta's Pixel Management reference as printed there. The reference elides the
/// <c>connectionStatus</c> selection of the two switch operations; they select what the create operation
/// selects, with <c>connected</c>, which their sample responses show.
/// </summary>
public static class PixelSamples
{
    public const string PixelId = "18904456377094531";

    public const string Create = """
        mutation AddNewPixelModalMutation($tenantId: ID!, $input: PixelConnectionCreationInput!) {
          tenantMutations(tenantId: $tenantId) { signalMutations { setupPixelSignalConfig(input: $input) {
            id domains connectionId connectionStatus { id accessTokenAvailable active connected eventBridgeActive publishingEnabled apiErrorCode pixelID pixelName lastPublished totalEventsPublished lastReceived totalEventsReceived } } } }
        }
        """;

    public const string Delete = """
        mutation DeleteDataSourceModalMutation($id: ID!, $tenantId: ID!) { tenantMutations(tenantId: $tenantId) { signalMutations { deleteDataSource(id: $id) } } }
        """;

    public const string List = """
        query ConnectionStatusCardQuery($tenantId: ID!, $timeWindow: Int) {
          tenantQueries(tenantId: $tenantId) { account(timeWindowMin: $timeWindow) { name status signalConfigs { id connectionId dataSetType domains
            connectionStatus { id accessTokenAvailable active targetId eventBridgeActive publishingEnabled apiErrorCode badToken pixelID pixelName lastPublished totalEventsPublished lastReceived totalEventsReceived } } } }
        }
        """;

    public const string Receive = """
        mutation updateSignalConfigStatusMutation($id: ID!, $tenantId: ID!, $input: SignalConfigStatusInput!) {
          tenantMutations(tenantId: $tenantId) { signalMutations { updateSignalConfigEventsStatus(id: $id, input: $input) { success connectionStatus { id accessTokenAvailable active connected eventBridgeActive publishingEnabled apiErrorCode pixelID pixelName lastPublished totalEventsPublished lastReceived totalEventsReceived } } } }
        }
        """;

    public const string Publish = """
        mutation updateSignalConfigCapiPublishMutation($id: ID!, $tenantId: ID!, $input: SignalConfigStatusInput!) {
          tenantMutations(tenantId: $tenantId) { signalMutations { updateSignalConfigCapiPublish(id: $id, input: $input) { success connectionStatus { id accessTokenAvailable active connected eventBridgeActive publishingEnabled apiErrorCode pixelID pixelName lastPublished totalEventsPublished lastReceived totalEventsReceived } } } }
        }
        """;

    public const string Endpoint = "/capig/graphql/";

    public const string AccessToken = "EAAGm0PX4ZCpsBAKZCb9ZBZAk1sampletoken";

    public static string CreateVariables(string tenantId, string pixelId = PixelId, string? name = null) => $$"""
        {"tenantId":"{{tenantId}}","input":{"businessId":"1234567890","pixelId":"{{pixelId}}",
          "accessToken":"{{AccessToken}}","apiVersion":"v14.0","externalId":"","name":{{Json(name)}} } }
        """;

    public static string IdVariables(string tenantId, string pixelId = PixelId) =>
        $$"""{"tenantId":"{{tenantId}}","id":"{{pixelId}}"}""";

    public static string StatusVariables(string tenantId, int status, string pixelId = PixelId) =>
        $$"""{"tenantId":"{{tenantId}}","id":"{{pixelId}}","input":{"status":{{status}} } }""";

    public static string ListVariables(string tenantId, int? timeWindow = 60) =>
        $$"""{"tenantId":"{{tenantId}}","timeWindow":{{(timeWindow is { } minutes ? minutes : "null")}}}""";

    private static string Json(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);
}
