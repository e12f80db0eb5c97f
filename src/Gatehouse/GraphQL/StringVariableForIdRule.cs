using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Errors;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;

namespace Gatehouse.GraphQL;

/// <summary>
/// The specification's rule that each variable fits where it is used (§5.8.5), with one widening: an argument
/// of type <c>ID</c> that opts in with <see cref="Allow"/> also takes a <c>String</c> variable. Meta's
/// documentation declares the same argument both ways, and every string is a valid ID, so the widening admits
/// no value the argument could not already take. It replaces the library's
/// <see cref="VariablesInAllowedPosition"/> in <see cref="CoreRules"/>.
/// </summary>
public sealed class StringVariableForIdRule : ValidationRuleBase
{
    private const string MetadataKey = "Gatehouse.AcceptsStringVariable";

    public static readonly StringVariableForIdRule Instance = new();

    /// <summary>The library's core rules, with this rule in place of its variable-position rule.</summary>
    public static IReadOnlyList<IValidationRule> CoreRules { get; } =
        [.. DocumentValidator.CoreRules.Select(rule => rule is VariablesInAllowedPosition ? Instance : rule)];

    /// <summary>Lets an <c>ID</c> argument take a <c>String</c> variable; pass it when declaring one.</summary>
    public static void Allow(QueryArgument argument) => argument.Metadata[MetadataKey] = true;

    // A visitor per document: it remembers which variables stand in a widened argument.
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new Visitor());

    private sealed class Visitor : INodeVisitor
    {
        private readonly HashSet<GraphQLVariable> _widened = new(ReferenceEqualityComparer.Instance);

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            if (node is GraphQLArgument { Value: GraphQLVariable variable }
                && context.TypeInfo.GetArgument() is { } argument
                && argument.GetMetadata(MetadataKey, false))
            {
                _widened.Add(variable);
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context)
        {
            // Fragments may follow the operation that uses them, so the check waits for the whole document.
            if (node is GraphQLDocument document)
            {
                foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
                {
                    Check(operation, context);
                }
            }

            return default;
        }

        private void Check(GraphQLOperationDefinition operation, ValidationContext context)
        {
            var definitions = (operation.Variables?.Items ?? [])
                .GroupBy(d => d.Variable.Name.StringValue)
                .ToDictionary(g => g.Key, g => g.First());
            foreach (var usage in context.GetRecursiveVariables(operation) ?? [])
            {
                // Undefined variables are another rule's error.
                if (!definitions.TryGetValue(usage.Node.Name.StringValue, out var definition)
                    || definition.Type.GraphTypeFromType(context.Schema) is not { } variableType
                    || usage.Type is null)
                {
                    continue;
                }

                var allowed = IsAllowed(definition, variableType, usage, context.Schema)
                    || (_widened.Contains(usage.Node) && IsStringForId(definition, variableType, usage));
                if (!allowed)
                {
                    context.ReportError(new VariablesInAllowedPositionError(context, definition, variableType, usage));
                }
            }
        }
    }

    /// <summary>The specification's IsVariableUsageAllowed.</summary>
    private static bool IsAllowed(
        GraphQLVariableDefinition definition,
        IGraphType variableType,
        VariableUsage usage,
        ISchema schema)
    {
        var lists = schema.Features.AllowScalarVariablesForListTypes;
        if (!RequiresValue(usage) || variableType is NonNullGraphType)
        {
            return variableType.IsSubtypeOf(usage.Type, lists);
        }

        // A nullable variable may fill a required position only when a default stands in for null.
        var nullableLocation = (usage.Type as NonNullGraphType)?.ResolvedType ?? usage.Type;
        return (definition.DefaultValue is not null || usage.HasDefault)
            && variableType.IsSubtypeOf(nullableLocation!, lists);
    }

    private static bool IsStringForId(
        GraphQLVariableDefinition definition,
        IGraphType variableType,
        VariableUsage usage)
    {
        var variableRequired = variableType is NonNullGraphType;
        var variableNamed = variableRequired ? ((NonNullGraphType)variableType).ResolvedType : variableType;
        var locationNamed = (usage.Type as NonNullGraphType)?.ResolvedType ?? usage.Type;
        var nullsCovered = variableRequired || !RequiresValue(usage)
            || definition.DefaultValue is not null || usage.HasDefault;
        return variableNamed is StringGraphType && locationNamed is IdGraphType && nullsCovered;
    }

    private static bool RequiresValue(VariableUsage usage) => usage.Type is NonNullGraphType || usage.IsRequired;
}
