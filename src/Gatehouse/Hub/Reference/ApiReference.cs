namespace Gatehouse.Hub.Reference;

/// <summary>
/// The hub API's reference, generated from the live schema: its operations with runnable examples, its
/// types, the token call and the error format.
/// </summary>
public sealed record ApiReference(
    IReadOnlyList<ReferenceOperation> Operations,
    IReadOnlyList<ReferenceType> Types,
    IReadOnlyList<ReferenceError> Errors,
    string ErrorExample,
    string TokenResponseExample)
{
    public const string GraphQLPath = "/hub/graphql/";

    public const string TokenPath = "/clients/token";

    /// <summary>The token call as a shell command against the gateway at <paramref name="baseUrl"/>.</summary>
    public static string TokenCurl(string baseUrl) =>
        $"""
        curl -X POST '{baseUrl}{TokenPath}' \
          -d 'client_id=CLIENT_ID' \
          -d 'client_secret=CLIENT_SECRET' \
          -d 'grant_type=client_credentials'
        """;

    /// <summary>A GraphQL call with a token, as a shell command against <paramref name="baseUrl"/>.</summary>
    public static string GraphQLCurl(string baseUrl) =>
        $$$"""
        curl -X POST '{{{baseUrl}}}{{{GraphQLPath}}}' \
          -H 'Authorization: Bearer TOKEN' \
          -H 'Content-Type: application/json' \
          -d '{"query":"query ($id: String!) { tenant(tenantId: $id) { id name } }","variables":{"id":"hU2koC34"}}'
        """;

    public bool IsDocumented(string typeName) => Types.Any(t => t.Name == typeName);
}

/// <summary>One operation: a field of Query, or a field of one of Mutation's groups.</summary>
public sealed record ReferenceOperation(
    string Path,
    string Kind,
    string Description,
    IReadOnlyList<ReferenceField> Arguments,
    ReferenceTypeName ReturnType,
    string ExampleDocument,
    string ExampleVariables,
    string ExampleResponse)
{
    /// <summary>The id of the operation's section on the page, usable in a URL fragment.</summary>
    public string Anchor => "op-" + Path.Replace('.', '-');
}

/// <summary>An argument, or a field of an object or input type; an input type's fields are listed too.</summary>
public sealed record ReferenceField(
    string Name,
    ReferenceTypeName Type,
    string Description,
    IReadOnlyList<ReferenceField> InputFields);

/// <summary>A type as the SDL prints it (<c>[User!]!</c>) and the named type inside it (<c>User</c>).</summary>
public sealed record ReferenceTypeName(string Printed, string Named);

/// <summary>An object, input or enum type; an enum's values are its fields, without types.</summary>
public sealed record ReferenceType(string Name, string Kind, string Description, IReadOnlyList<ReferenceField> Fields)
{
    public string Anchor => "type-" + Name;
}

/// <summary>An error code a client can meet in <c>errors[].extensions.code</c>, with its status.</summary>
public sealed record ReferenceError(string Code, int Status, string Meaning);
