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
        new(ErrorCodes.NotFound, 404, "The user or role named does not exist, or the caller may not see it."),
        new(ErrorCodes.Conflict, 409, "The change would duplicate something that exists, such as a user's role."),
        new(ErrorCodes.InternalServerError, 500,
            "The server failed; the message carries a trace id to quote when reporting it."),
    ];

    /// <summary>Generates the reference of the hub schema registered in <paramref name="services"/>.</summary>
    public static ApiReference FromServices(IServiceProvider services)
    {
        // Limitation: the reference and its console cover /hub/graphql/ only; the pixel operations of
        // /capig/graphql/, whose groups take a tenantId argument, are described nowhere in the hub yet.
        var schema = services.GetRequiredService<HubSchema>();
        schema.Initialize();
        return Generate(schema, services.GetRequiredService<IOptions<TokenOptions>>().Value.Lifetime);
    }

    public static ApiReference Generate(ISchema schema, TimeSpan tokenLifetime)
    {
        var operations = schema.Query.Fields
            .Select(field => Describe("query", null, field, schema.Query.Name))
            .ToList();

        // The root types and the groups are described by their operations, not in the types section.
        var operationTypes = new HashSet<string> { schema.Query.Name };
        if (schema.Mutation is { } mutation)
        {
            operationTypes.Add(mutation.Name);
            foreach (var field in mutation.Fields)
            {
                if (GroupOf(field) is not { } group)
                {
                    operations.Add(Describe("mutation", null, field, mutation.Name));
                    continue;
                }

                operationTypes.Add(group.Name);
                operations.AddRange(
                    group.Fields.Select(operation => Describe("mutation", field, operation, group.Name)));
            }
        }

        var types = schema.AllTypes
            .Where(type => !type.Name.StartsWith("__", StringComparison.Ordinal))
            .Where(type => !operationTypes.Contains(type.Name))
            .Select(DescribeType)
            .OfType<ReferenceType>()
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToList();
        return new ApiReference(operations, types, Errors, ErrorExample, TokenResponse(tokenLifetime));
    }

    // A group is a field without arguments whose object type holds the real operations, which take arguments
    // (tenantMutations { createTenant(input: ...) }).
    private static IObjectGraphType? GroupOf(FieldType field) =>
        field.Arguments is not { Count: > 0 }
        && field.ResolvedType!.GetNamedType() is IObjectGraphType group
        && group.Fields.Any(f => f.Arguments is { Count: > 0 })
            ? group
            : null;

    private static ReferenceOperation Describe(string kind, FieldType? group, FieldType operation, string owner) =>
        new(
            group is null ? operation.Name : group.Name + "." + operation.Name,
            kind,
            operation.Description ?? "",
            (operation.Arguments ?? []).Select(a => Field(a.Name, a.ResolvedType!, a.Description)).ToList(),
            TypeName(operation.ResolvedType!),
            ReferenceExamples.Document(kind, group, operation),
            ReferenceExamples.Variables(operation),
            ReferenceExamples.Response(group, operation, owner));

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

    private static ReferenceType? DescribeType(IGraphType type) => type switch
    {
        IInputObjectGraphType input => new ReferenceType(input.Name, "input", input.Description ?? "",
            input.Fields.Select(f => Field(f.Name, f.ResolvedType!, f.Description)).ToList()),
        IObjectGraphType output => new ReferenceType(output.Name, "type", output.Description ?? "",
            output.Fields.Select(f => Field(f.Name, f.ResolvedType!, f.Description)).ToList()),
        EnumerationGraphType enumeration => new ReferenceType(enumeration.Name, "enum", enumeration.Description ?? "",
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
}
