namespace Gatehouse.Tests.Events;

/// <summary>The event and domain filter operations of Meta's Pixel Management reference, as printed there.</summary>
public static class FilterSamples
{
    public const string UpdateEventFilter = """
        mutation EventFilterStatusMutation($tenantId: ID!, $input: UpdateEventFilterInput!) {
          tenantMutations(tenantId: $tenantId) { updateEventFilter(input: $input) { updatedFilter { id eventName pixelId filterState } } }
        }
        """;

    public const string UpdateDomainFilter = """
        mutation useComitDomainFilterChangeMutation($tenantId: ID!, $input: UpdateDomainFilterInput!) {
          tenantMutations(tenantId: $tenantId) { updateDomainFilter(input: $input) { updatedFilter { id domain pixelId filterState } } }
        }
        """;

    /// <summary>The documented variables, <c>input</c> as printed, wrapped with the account's id.</summary>
    public static string Variables(string tenantId, string input) =>
        $$"""{"tenantId":"{{tenantId}}","input":{{input}} }""";

    public static string EventInput(string eventName, string? pixelIds, string state) =>
        $$"""{"eventName":"{{eventName}}","pixelIds":{{pixelIds ?? "null"}},"filterState":"{{state}}"}""";

    public static string DomainInput(string domain, string? pixelIds, string state) =>
        $$"""{"domain":"{{domain}}","pixelIds":{{pixelIds ?? "null"}},"filterState":"{{state}}"}""";
}
