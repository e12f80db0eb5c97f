using GraphQL.Validation;
using GraphQLParser.AST;

namespace Gatehouse.GraphQL;

/// <summary>Refuses documents with more aliased fields than allowed: aliases repeat work without nesting.</summary>
public sealed class MaxAliasesRule(int maxAliases) : ValidationRuleBase, INodeVisitor
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(this);

    ValueTask INodeVisitor.EnterAsync(ASTNode node, ValidationContext context)
    {
        if (node is GraphQLDocument document)
        {
            var aliases = CountAliases(document);
            if (aliases > maxAliases)
            {
                context.ReportError(new ValidationError(
                    $"The document has {aliases} aliased fields; at most {maxAliases} are allowed."));
            }
        }

        return default;
    }

    ValueTask INodeVisitor.LeaveAsync(ASTNode node, ValidationContext context) => default;

    private static int CountAliases(ASTNode node)
    {
        var count = node is GraphQLField { Alias: not null } ? 1 : 0;
        var selections = node switch
        {
            GraphQLDocument document => document.Definitions.Cast<ASTNode>(),
            IHasSelectionSetNode { SelectionSet: { } set } => set.Selections,
            _ => [],
        };

        foreach (var child in selections)
        {
            count += CountAliases(child);
        }

        return count;
    }
}
