namespace Gatehouse.GraphQL;

/// <summary>
/// Bounds that every GraphQL request must stay within (configuration section <c>GraphQL</c>). The schema is
/// cyclic (an account's users have accounts, which have users...), so a document could otherwise ask for
/// an unbounded amount of work.
/// </summary>
public sealed class GraphQLOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Largest request body accepted; larger bodies get HTTP 413.</summary>
    public int MaxRequestBytes { get; set; } = 100 * 1024;

    /// <summary>Deepest field nesting allowed, fragments expanded. The standard introspection query needs 13.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Highest complexity allowed: each field costs 1 and each list multiplies what is below it by
    /// <see cref="ListMultiplier"/>, so the bound is on how much data a document can ask for. The standard
    /// introspection query that GraphiQL sends measures 91,263 and the documented account queries about 2,800.
    /// </summary>
    public int MaxComplexity { get; set; } = 100_000;

    /// <summary>Assumed length of a list when estimating complexity.</summary>
    public double ListMultiplier { get; set; } = 10;

    /// <summary>Most aliased fields allowed in one document.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Longest a request may execute before it is abandoned with a TIMEOUT error.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Parsed and validated documents kept, by query text, so that repeated requests skip both steps.
    /// </summary>
    public int DocumentCacheSize { get; set; } = 1_000;
}
