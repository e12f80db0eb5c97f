using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.GraphQL;

public sealed class SchemaSnapshotTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    // The specification's scalars carry the library's own descriptions; every other type must describe itself.
    private static readonly HashSet<string> LibraryScalars = ["String", "Int", "Float", "Boolean", "ID"];

    private const string DescriptionsQuery = """
        {
          __schema {
            types {
              kind name description
              fields { name description args { name description } }
              inputFields { name description }
              enumValues { name description }
            }
          }
        }
        """;

    [Theory]
    [InlineData("hub")]
    [InlineData("capig")]
    public async Task SchemaSdl_AnonymousGet_EqualsCommittedSnapshot(string endpoint)
    {
        using var client = app.CreateClient();
        var committed = await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "Snapshots", $"{endpoint}.graphql"));

        using var response = await client.GetAsync($"/{endpoint}/graphql/schema.graphql");
        var served = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (Normalize(served) != Normalize(committed))
        {
            var actualPath = Path.Combine(AppContext.BaseDirectory, "Snapshots", $"{endpoint}.actual.graphql");
            await File.WriteAllTextAsync(actualPath, served);
            Assert.Fail(
                $"The served schema differs from schema/{endpoint}.graphql. If the change is intended, update the "
                + $"snapshot: cp {actualPath} schema/{endpoint}.graphql (from the repository root), and review "
                + "the diff.");
        }
    }

    [Theory]
    [InlineData("hub", "Tenant")]
    [InlineData("capig", "SignalConfig")]
    public async Task Schema_EveryTypeFieldArgumentAndEnumValue_HasDescription(string endpoint, string knownType)
    {
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(DescriptionsQuery, path: $"/{endpoint}/graphql/");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var types = response.Json["data"]!["__schema"]!["types"]!.AsArray()
            .Select(type => type!.AsObject())
            .Where(type => !Name(type).StartsWith("__", StringComparison.Ordinal))
            .Where(type => !(Kind(type) == "SCALAR" && LibraryScalars.Contains(Name(type))))
            .ToList();
        Assert.Contains(types, type => Name(type) == knownType);
        Assert.Empty(types.SelectMany(Undescribed));
    }

    private static IEnumerable<string> Undescribed(JsonObject type)
    {
        var typeName = Name(type);
        var elements = new List<(string Path, JsonObject Node)> { (typeName, type) };
        foreach (var field in Items(type["fields"]).Concat(Items(type["inputFields"])))
        {
            elements.Add(($"{typeName}.{Name(field)}", field));
            elements.AddRange(Items(field["args"]).Select(arg => ($"{typeName}.{Name(field)}({Name(arg)})", arg)));
        }

        elements.AddRange(Items(type["enumValues"]).Select(value => ($"{typeName}.{Name(value)}", value)));
        return elements
            .Where(element => string.IsNullOrWhiteSpace(element.Node["description"]?.GetValue<string>()))
            .Select(element => element.Path);
    }

    private static IEnumerable<JsonObject> Items(JsonNode? list) =>
        list is JsonArray array ? array.Select(item => item!.AsObject()) : [];

    private static string Name(JsonNode node) => node["name"]!.GetValue<string>();

    private static string Kind(JsonNode node) => node["kind"]!.GetValue<string>();

    private static string Normalize(string sdl) => sdl.ReplaceLineEndings("\n").TrimEnd();
}
