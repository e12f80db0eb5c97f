using System.Text.Json.Nodes;
using Gatehouse.ApiAccounts;
using Gatehouse.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Gatehouse.Hub.Reference;

/// <summary>
/// Builds the API reference by walking the schema the server runs, so the reference cannot describe an
/// operation, argument or type that the server does not have, or miss one it has.
/// </summary>
public static class ApiReferenceGenerator
{
    private const string ErrorExample = """
        {
          "errors": [
            {
              "message": "Not authorized to view account.",
              "locations": [
                {
                  "line": 2,
                  "column": 3
                }
              ],
              "path": [
                "tenant"
              ],
              "extensions": {
                "code": "UNAUTHORIZED",
                "status": 401
              }
            }
          ],
          "data": {
            "tenant": null
          }
        }
        """;

    private static readonly ReferenceError[] Errors =
    [
        new(ErrorCodes.BadRequest, 400,
            "The document, its variables or an input value breaks a rule that the message names."),
        new(ErrorCodes.Unauthorized, 401,
            "The token is missing, unknown or expired (HTTP 401), or the caller may not act on the account; "
            + "an account that does not exist gets the same answer."),
        new(ErrorCodes.Forbidden, 403, "A hub session called without its antiforgery token."),
        new(ErrorCodes.NotFound, 404,
            "The user, role or pixel named does not exist, or the caller may not see it."),
        new(ErrorCodes.Conflict, 409,
            "The change would duplicate something that exists, such as a user's role or a pixel connected to "
            + "another account."),
        new(ErrorCodes.InternalServerError, 500,
            "The server failed; the message carries a trace id to quote when reporting it."),
    ];

    /// <summary>Generates the reference of the hub and CAPIG schemas in <paramref name="services"/>.</summary>
    public static ApiReference FromServices(IServiceProvider services)
    {
        var hub = services.GetRequiredService<HubSchema>();
        var capig = services.GetRequiredService<CapigSchema>();
        hub.Initialize();
        capig.Initialize();
        return Generate(hub, capig, services.GetRequiredService<IOptions<TokenOptions>>().Value.Lifetime);
    }

    public static ApiReference Generate(ISchema hub, ISchema capig, TimeSpan tokenLifetime) =>
        new(
            Part(hub, ApiReference.GraphQLPath, "", scoped: false),
            Part(capig, ApiReference.CapigGraphQLPath, "capig-", scoped: true),
            Errors,
            ErrorExample,
            TokenResponse(tokenLifetime));

    // On /hub/graphql/ the fields of Query are operations and Mutation's fields are operations or groups. On
    // /capig/graphql/ (scoped) every root field names the account (tenantId) and groups the operations on it.
    private static ReferencePart Part(ISchema schema, string endpoint, string anchorPrefix, bool scoped)
    {
        var site = new Site(endpoint, anchorPrefix, [], []);
        Func<FieldType, IObjectGraphType?> rootGroup = field =>
            field.ResolvedType!.GetNamedType() as IObjectGraphType;
        Walk(site, "query", [], schema.Query, scoped ? rootGroup : _ => null);
        if (schema.Mutation is { } mutation)
        {
            Walk(site, "mutation", [], mutation, scoped ? rootGroup : GroupOf);
        }

        // The root types and the groups are described by their operations, not in the types section.
        var types = schema.AllTypes
            .Where(type => !type.Name.StartsWith("__", StringComparison.Ordinal))
            .Where(type => !site.OperationTypes.Contains(type.Name))
            .Select(type => DescribeType(anchorPrefix, type))
            .OfType<ReferenceType>()
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToList();
        return new ReferencePart(endpoint, anchorPrefix, site.Operations, types);
    }

    private static void Walk(
        Site site,
        string kind,
        IReadOnlyList<FieldType> groups,
        IObjectGraphType owner,
        Func<FieldType, IObjectGraphType?> groupOf)
    {
        site.OperationTypes.Add(owner.Name);
        foreach (var field in owner.Fields)
        {
            if (groupOf(field) is { } group)
            {
                Walk(site, kind, [.. groups, field], group, GroupOf);
            }
            else
            {
                site.Operations.Add(Describe(site, kind, groups, field, owner.Name));
            }
        }
    }

    // A group is a field without arguments whose object type holds the real operations, which take arguments
    // (tenantMutations { createTenant(input: ...) }).
    private static IObjectGraphType? GroupOf(FieldType field) =>
        field.Arguments is not { Count: > 0 }
        && field.ResolvedType!.GetNamedType() is IObjectGraphType group
        && group.Fields.Any(f => f.Arguments is { Count: > 0 })
            ? group
            : null;

    private static ReferenceOperation Describe(
        Site site,
        string kind,
        IReadOnlyList<FieldType> groups,
        FieldType operation,
        string owner) =>
        new(
            site.Endpoint,
            site.AnchorPrefix,
            string.Join('.', groups.Select(g => g.Name).Append(operation.Name)),
            kind,
            operation.Description ?? "",
            groups.Append(operation)
                .SelectMany(field => field.Arguments ?? [])
                .Select(a => Field(a.Name, a.ResolvedType!, a.Description))
                .ToList(),
            TypeName(operation.ResolvedType!),
            ReferenceExamples.Document(kind, groups, operation),
            ReferenceExamples.Variables(groups, operation),
            ReferenceExamples.Response(groups, operation, owner));

    private static ReferenceField Field(string name, IGraphType type, string? description) =>
        new(
            name,
            TypeName(type),
            description ?? "",
            type.GetNamedType() is IInputObjectGraphType input
                ? input.Fields.Select(f => Field(f.Name, f.ResolvedType!, f.Description)).ToList()
                : []);

    private static ReferenceTypeName TypeName(IGraphType type) =>
        new(ReferenceExamples.Print(type), type.GetNamedType().Name);

    private static ReferenceType? DescribeType(string anchorPrefix, IGraphType type) => type switch
    {
        IInputObjectGraphType input => new ReferenceType(anchorPrefix, input.Name, "input", input.Description ?? "",
            input.Fields.Select(f => Field(f.Name, f.ResolvedType!, f.Description)).ToList()),
        IObjectGraphType output => new ReferenceType(anchorPrefix, output.Name, "type", output.Description ?? "",
            output.Fields.Select(f => Field(f.Name, f.ResolvedType!, f.Description)).ToList()),
        EnumerationGraphType enumeration => new ReferenceType(anchorPrefix, enumeration.Name, "enum",
            enumeration.Description ?? "",
            enumeration.Values.Select(v => new ReferenceField(v.Name, new("", ""), v.Description ?? "", [])).ToList()),
        _ => null,
    };

    private static string TokenResponse(TimeSpan lifetime)
    {
        const string Token = "x7Qm2NcVw9RbTf4KpZ0aLhYe3Ud8GsJi6Ox1Bn5EqCk";
        return new JsonObject
        {
            ["token"] = Token,
            ["access_token"] = Token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
        }.ToJsonString(ReferenceExamples.Json);
    }

    // What one part's walk collects: its operations, and the root and group types that hold them.
    private sealed record Site(
        string Endpoint,
        string AnchorPrefix,
        List<ReferenceOperation> Operations,
        HashSet<string> OperationTypes);
}
