namespace Gatehouse.Hub.Reference;

/// <summary>
/// The API's reference, generated from the live schemas: the operations of <c>/hub/graphql/</c> and of
/// <c>/capig/graphql/</c> with runnable examples, their types, the token call and the error format.
/// </summary>
public sealed record ApiReference(
    ReferencePart Hub,
    ReferencePart Capig,
    IReadOnlyList<ReferenceError> Errors,
    string ErrorExample,
    string TokenResponseExample)
{
    public const string GraphQLPath = "/hub/graphql/";

    public const string CapigGraphQLPath = "/capig/graphql/";

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

    /// <summary>The operations of <c>/hub/graphql/</c>, the first part of the page.</summary>
    public IReadOnlyList<ReferenceOperation> Operations => Hub.Operations;

    /// <summary>The types of <c>/hub/graphql/</c>.</summary>
    public IReadOnlyList<ReferenceType> Types => Hub.Types;

    public IReadOnlyList<ReferencePart> Parts => [Hub, Capig];
}

/// <summary>
/// The reference of one endpoint: its operations, whose examples are posted to <paramref name="Endpoint"/>,
/// and its types. Anchors on the page start with <paramref name="AnchorPrefix"/>, since both schemas may
/// name a type alike.
/// </summary>
public sealed record ReferencePart(
    string Endpoint,
    string AnchorPrefix,
    IReadOnlyList<ReferenceOperation> Operations,
    IReadOnlyList<ReferenceType> Types)
{
    public bool IsDocumented(string typeName) => Types.Any(t => t.Name == typeName);

    public string TypeAnchor(string typeName) => AnchorPrefix + "type-" + typeName;
}

/// <summary>
/// One operation: a field of Query, or a field reached through groups (<c>tenantMutations { createTenant }</c>,
/// <c>tenantMutations(tenantId:) { signalMutations { deleteDataSource } }</c>). Its arguments start with the
/// groups' own, in path order.
/// </summary>
public sealed record ReferenceOperation(
    string Endpoint,
    string AnchorPrefix,
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
    public string Anchor => AnchorPrefix + "op-" + Path.Replace('.', '-');
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
public sealed record ReferenceType(
    string AnchorPrefix,
    string Name,
    string Kind,
    string Description,
    IReadOnlyList<ReferenceField> Fields)
{
    public string Anchor => AnchorPrefix + "type-" + Name;
}

/// <summary>An error code a client can meet in <c>errors[].extensions.code</c>, with its status.</summary>
public sealed record ReferenceError(string Code, int Status, string Meaning);
