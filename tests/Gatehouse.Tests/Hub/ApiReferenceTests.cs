using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatehouse.Hub.Reference;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Tests.Hub;

/// <summary>The API reference page and the generator behind it, checked against the server it describes.</summary>
public sealed partial class ApiReferenceTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string PagePath = "/hub/settings/api-reference";

    private const string CapigPath = "/capig/graphql/";

    private const string Introspection = """
        {
          __schema {
            queryType { name }
            mutationType { name }
            types { name fields { name args { name } type { ...Wrapped } } }
          }
        }
        fragment Wrapped on __Type { name ofType { name ofType { name ofType { name } } } }
        """;

    private ApiReference Reference => app.Services.GetRequiredService<ApiReference>();

    [Fact]
    public void Generator_LiveSchema_ListsEveryDocumentedOperation()
    {
        var operations = Reference.Operations.Select(o => $"{o.Kind} {o.Path}");

        Assert.Equal(
            [
                "query tenant",
                "query tenantUsage",
                "query ingressDomain",
                "mutation tenantMutations.createTenant",
                "mutation tenantMutations.updateTenant",
                "mutation tenantMutations.deleteTenant",
                "mutation userMutations.addUserWithRole",
                "mutation userMutations.changeRoleForUser",
                "mutation userMutations.sendInvitation",
                "mutation upsertIngressDomain",
            ],
            operations);
    }

    [Fact]
    public async Task Generator_LiveSchema_ListsTheOperationsThatIntrospectionFinds()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Introspection);

        var schema = response.Json["data"]!["__schema"]!;
        var types = schema["types"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        var queries = Fields(types[schema["queryType"]!["name"]!.GetValue<string>()]).Select(f => Name(f));
        // A mutation field with arguments is an operation itself; one without is a group of operations.
        var mutations = Fields(types[schema["mutationType"]!["name"]!.GetValue<string>()])
            .SelectMany(field => field["args"]!.AsArray().Count > 0
                ? [Name(field)]
                : Fields(types[NamedType(field["type"]!)]).Select(operation => Name(field) + "." + Name(operation)));
        Assert.Equal(
            queries.Concat(mutations).Order(StringComparer.Ordinal),
            Reference.Operations.Select(o => o.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Examples_EveryOperation_PassValidationOnTheRealServer()
    {
        using var client = await app.CreateApiClientAsync();
        var failures = new List<string>();

        foreach (var operation in Reference.Operations)
        {
            var response = await client.PostGraphQLAsync(operation.ExampleDocument, operation.ExampleVariables);
            failures.AddRange(ValidationFailures(operation.Path, response));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ExampleResponse_CreateTenant_HasTheShapeOfTheRealResponse()
    {
        using var client = await app.CreateApiClientAsync();
        var create = Reference.Operations.Single(o => o.Path == "tenantMutations.createTenant");

        var response = await client.PostGraphQLAsync(create.ExampleDocument, create.ExampleVariables);

        Assert.Null(response.Json["errors"]);
        Assert.Empty(ShapeMismatches(JsonNode.Parse(create.ExampleResponse), response.Json, "$"));
    }

    [Fact]
    public void ExampleVariables_CreateTenant_UseSampleDataOfTheInputType()
    {
        var create = Reference.Operations.Single(o => o.Path == "tenantMutations.createTenant");

        var variables = create.ExampleVariables;

        JsonAssert.Equal("""
            {"input":{"name":"Example account","canPartnerManage":true,"adminEmail":"person@example.com",
              "eventEnrichment":false}}
            """, variables);
        Assert.StartsWith(
            "mutation CreateTenant($input: CreateTenantInput!) {\n  tenantMutations {\n"
            + "    createTenant(input: $input) {\n      tenant {\n        id\n",
            create.ExampleDocument);
    }

    [Fact]
    public void Generator_CapigSchema_ListsEveryOperationBehindItsGroups()
    {
        var operations = Reference.Capig.Operations.Select(o => $"{o.Kind} {o.Path} {o.Endpoint}");

        Assert.Equal(
            [
                "query tenantQueries.account /capig/graphql/",
                "query tenantQueries.eventMetrics /capig/graphql/",
                "mutation tenantMutations.signalMutations.setupPixelSignalConfig /capig/graphql/",
                "mutation tenantMutations.signalMutations.deleteDataSource /capig/graphql/",
                "mutation tenantMutations.signalMutations.updateSignalConfigEventsStatus /capig/graphql/",
                "mutation tenantMutations.signalMutations.updateSignalConfigCapiPublish /capig/graphql/",
                "mutation tenantMutations.updateEventFilter /capig/graphql/",
                "mutation tenantMutations.updateDomainFilter /capig/graphql/",
            ],
            operations);
    }

    [Fact]
    public async Task Generator_CapigSchema_ListsTheOperationsThatIntrospectionFinds()
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(Introspection, path: CapigPath);

        var schema = response.Json["data"]!["__schema"]!;
        var types = schema["types"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!);
        // Every root field names the account and groups operations; inside, a field without arguments whose
        // type has fields that take arguments is a group too.
        bool IsGroup(JsonNode field) =>
            field["args"]!.AsArray().Count == 0
            && types[NamedType(field["type"]!)]["fields"] is JsonArray fields
            && fields.Any(f => f!["args"]!.AsArray().Count > 0);
        IEnumerable<string> Operations(JsonNode group, string prefix) =>
            Fields(types[NamedType(group["type"]!)]).SelectMany(field => IsGroup(field)
                ? Operations(field, prefix + Name(field) + ".")
                : [prefix + Name(field)]);
        var roots = Fields(types[Name(schema["queryType"]!)]).Concat(Fields(types[Name(schema["mutationType"]!)]));
        Assert.Equal(
            roots.SelectMany(root => Operations(root, Name(root) + ".")).Order(StringComparer.Ordinal),
            Reference.Capig.Operations.Select(o => o.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Examples_EveryCapigOperation_PassValidationOnTheRealServer()
    {
        using var client = await app.CreateApiClientAsync();
        var failures = new List<string>();

        foreach (var operation in Reference.Capig.Operations)
        {
            var response = await client.PostGraphQLAsync(
                operation.ExampleDocument, operation.ExampleVariables, operation.Endpoint);
            failures.AddRange(ValidationFailures(operation.Path, response));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Examples_EveryCapigOperationOnARealAccount_RunOrAnswerOnlyThatThePixelIsNotThere()
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Reference pixels");
        var failures = new List<string>();
        var codes = new List<string>();

        // In page order: the sample pixel is connected, then deleted, so the switches after it find no pixel.
        foreach (var operation in Reference.Capig.Operations)
        {
            var variables = JsonNode.Parse(operation.ExampleVariables)!;
            variables["tenantId"] = tenantId;
            var response = await client.PostGraphQLAsync(
                operation.ExampleDocument, variables.ToJsonString(), operation.Endpoint);
            failures.AddRange(ValidationFailures(operation.Path, response));
            codes.AddRange((response.Json["errors"]?.AsArray() ?? [])
                .Select(e => $"{operation.Path}: {e!["extensions"]!["code"]!.GetValue<string>()}"));
        }

        Assert.Empty(failures);
        Assert.All(codes, code => Assert.EndsWith(": NOT_FOUND", code, StringComparison.Ordinal));
        Assert.Contains("tenantMutations.signalMutations.updateSignalConfigEventsStatus: NOT_FOUND", codes);
        Assert.DoesNotContain(codes, c => c.Contains(".setupPixelSignalConfig:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExampleResponse_SetupPixelSignalConfig_HasTheShapeOfTheRealResponse()
    {
        using var client = await app.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Reference shape");
        var setup = CapigOperation("tenantMutations.signalMutations.setupPixelSignalConfig");
        var variables = JsonNode.Parse(setup.ExampleVariables)!;
        variables["tenantId"] = tenantId;
        variables["input"]!["pixelId"] = AccountSeeding.NewPixelIds(1)[0];

        var response = await client.PostGraphQLAsync(setup.ExampleDocument, variables.ToJsonString(), CapigPath);

        Assert.Null(response.Json["errors"]);
        Assert.Empty(ShapeMismatches(JsonNode.Parse(setup.ExampleResponse), response.Json, "$"));
    }

    [Fact]
    public void Example_SetupPixelSignalConfig_NestsTheGroupsAndTakesTheAccountAsAVariable()
    {
        var setup = CapigOperation("tenantMutations.signalMutations.setupPixelSignalConfig");

        var document = setup.ExampleDocument;

        Assert.Equal("""
            mutation SetupPixelSignalConfig($tenantId: ID!, $input: PixelConnectionCreationInput!) {
              tenantMutations(tenantId: $tenantId) {
                signalMutations {
                  setupPixelSignalConfig(input: $input) {
                    id
                    connectionId
                    connectionStatus {
                      id
                      connected
                      active
                      eventBridgeActive
                      publishingEnabled
                      accessTokenAvailable
                      badToken
                      apiErrorCode
                      pixelID
                      pixelName
                      targetId
                      totalEventsPublished
                      lastPublished
                      totalEventsReceived
                      lastReceived
                    }
                    domains
                    dataSetType
                  }
                }
              }
            }
            """.ReplaceLineEndings("\n"), document);
        JsonAssert.Equal("""
            {"tenantId":"hU2koC34","input":{"businessId":"987654321098765","pixelId":"1234567890123456",
              "accessToken":"EAAGm0PX4ZCpsBAExampleAccessToken","apiVersion":"v17.0","externalId":"hU2koC34",
              "name":"Example pixel"}}
            """, setup.ExampleVariables);
        Assert.Equal(["tenantId", "input"], setup.Arguments.Select(a => a.Name));
        var response = JsonNode.Parse(setup.ExampleResponse)!;
        Assert.Equal(
            "ConnectionStatus:1234567890123456",
            response["data"]!["tenantMutations"]!["signalMutations"]!["setupPixelSignalConfig"]!
                ["connectionStatus"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiReferencePage_AnonymousUser_RedirectsToLogin()
    {
        using var client = app.CreateBrowserClient();

        using var response = await client.GetAsync(PagePath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task ApiReferencePage_SignedInUser_ShowsEveryOperationWithItsDescriptionArgumentsAndExamples()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var response = await client.GetAsync(PagePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var missing = Reference.Operations
            .Where(o => !html.Contains($"id=\"{o.Anchor}\"", StringComparison.Ordinal)
                || !html.Contains(o.ExampleDocument, StringComparison.Ordinal)
                || !html.Contains(o.ExampleVariables, StringComparison.Ordinal)
                || !html.Contains(o.ExampleResponse, StringComparison.Ordinal)
                || !html.Contains($"<p>{o.Description}</p>", StringComparison.Ordinal)
                || !html.Contains($"<code>{o.ReturnType.Printed}</code>", StringComparison.Ordinal)
                || o.Arguments.Any(a => !html.Contains($"<td><code>{a.Name}</code></td>", StringComparison.Ordinal)))
            .Select(o => o.Path);
        Assert.Empty(missing);
        Assert.All(Reference.Operations, o => Assert.NotEmpty(o.Description));
        Assert.Contains("grant_type=client_credentials", html, StringComparison.Ordinal);
        Assert.Contains("id=\"type-CreateTenantInput\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/hub/settings/clients\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReferencePage_SignedInUser_ShowsEveryCapigOperationWithTheEndpointItsExampleGoesTo()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var response = await client.GetAsync(PagePath);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var missing = Reference.Capig.Operations
            .Where(o => !html.Contains($"id=\"{o.Anchor}\"", StringComparison.Ordinal)
                || !html.Contains($"data-try=\"{o.Anchor}\"", StringComparison.Ordinal)
                || !html.Contains(o.ExampleDocument, StringComparison.Ordinal)
                || !html.Contains(o.ExampleVariables, StringComparison.Ordinal)
                || !html.Contains(o.ExampleResponse, StringComparison.Ordinal)
                || !html.Contains($"<p>{o.Description}</p>", StringComparison.Ordinal)
                || !html.Contains($"<code>{o.ReturnType.Printed}</code>", StringComparison.Ordinal)
                || o.Arguments.Any(a => !html.Contains($"<td><code>{a.Name}</code></td>", StringComparison.Ordinal)))
            .Select(o => o.Path);
        Assert.Empty(missing);
        Assert.All(Reference.Capig.Operations, o => Assert.NotEmpty(o.Description));
        Assert.All(
            Reference.Capig.Operations,
            o => Assert.StartsWith("capig-op-", o.Anchor, StringComparison.Ordinal));
        Assert.Equal(
            Reference.Capig.Operations.Count,
            Regex.Count(html, "data-endpoint=\"/capig/graphql/\">Try it</button>"));
        Assert.Contains(
            "<option value=\"/capig/graphql/\">/capig/graphql/</option>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"capig-type-PixelConnectionCreationInput\"", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"#capig-type-PixelConnectionCreationInput\"><code>PixelConnectionCreationInput!</code></a>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReferencePage_SignedInUser_HasNoInlineScriptOrStyle()
    {
        using var client = await app.CreateHubClientAsync("agency-admin");

        using var response = await client.GetAsync(PagePath);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(["/reference.js"], ScriptSources().Matches(html).Select(m => m.Groups[1].Value.Split('?')[0]));
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineStyle(), html);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);
    }

    private ReferenceOperation CapigOperation(string path) => Reference.Capig.Operations.Single(o => o.Path == path);

    private static IEnumerable<JsonNode> Fields(JsonNode type) => type["fields"]!.AsArray().Select(f => f!);

    private static string Name(JsonNode node) => node["name"]!.GetValue<string>();

    private static string NamedType(JsonNode type) =>
        type["name"]?.GetValue<string>() ?? NamedType(type["ofType"]!);

    // A document or variables error has no path: only fields that ran (and failed on the sample ids) have one.
    private static IEnumerable<string> ValidationFailures(string operation, GraphQLResponse response)
    {
        if (response.Status != HttpStatusCode.OK)
        {
            return [$"{operation}: HTTP {(int)response.Status} {response.Body}"];
        }

        return (response.Json["errors"]?.AsArray() ?? [])
            .Where(e => e!["path"] is null || e["extensions"]!["code"]!.GetValue<string>() == "BAD_REQUEST")
            .Select(e => $"{operation}: {e!.ToJsonString()}");
    }

    // Where a real response departs from the example's names, nesting and kinds of values. A null or an empty
    // list in the real response fits anything, since the example shows every field filled in.
    private static IEnumerable<string> ShapeMismatches(JsonNode? example, JsonNode? real, string path) =>
        (example, real) switch
        {
            (_, null) or (_, JsonArray { Count: 0 }) => [],
            (JsonObject expected, JsonObject actual) when expected.Select(m => m.Key)
                .SequenceEqual(actual.Select(m => m.Key)) =>
                expected.SelectMany(m => ShapeMismatches(m.Value, actual[m.Key], path + "." + m.Key)),
            (JsonArray { Count: > 0 } expected, JsonArray actual) =>
                ShapeMismatches(expected[0], actual[0], path + "[0]"),
            (JsonValue expected, JsonValue actual) when Kind(expected) == Kind(actual) => [],
            _ => [$"{path}: example {example?.ToJsonString()}, real {real.ToJsonString()}"],
        };

    private static string Kind(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString(),
    };

    [GeneratedRegex(@"<script[^>]*\bsrc=""([^""]+)""[^>]*>\s*</script>")]
    private static partial Regex ScriptSources();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|<script[^>]*>[^<\s]|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\sstyle\s*=|<style", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
