using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;

namespace Gatehouse.Hub.Reference;

/// <summary>
/// Writes an operation's example: the request document with one variable per argument, sample variables,
/// and a sample response that follows the document's selection.
/// </summary>
public static class ReferenceExamples
{
    /// <summary>How deep the example selection reaches into the returned object: three levels of fields.</summary>
    public const int MaxDepth = 3;

    // Rendered into HTML-encoded pages and sent as JSON, never written into a script, so nothing needs escaping.
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The request document: one variable per argument of the groups and the operation, and the groups
    /// nested around the operation (<c>tenantMutations(tenantId: $tenantId) { signalMutations { ... } }</c>).
    /// </summary>
    public static string Document(string kind, IReadOnlyList<FieldType> groups, FieldType operation)
    {
        var arguments = groups.Append(operation).SelectMany(field => field.Arguments ?? []).ToList();
        var variables = arguments.Count > 0
            ? "(" + string.Join(", ", arguments.Select(a => $"${a.Name}: {Print(a.ResolvedType!)}")) + ")"
            : "";
        var text = new StringBuilder().Append(kind).Append(' ').Append(Pascal(operation.Name)).Append(variables);
        text.Append(" {\n");
        var indent = 1;
        foreach (var group in groups)
        {
            Line(text, indent++, Call(group) + " {");
        }

        var selection = SelectionOf(operation);
        Line(text, indent, selection is null ? Call(operation) : Call(operation) + " {");
        if (selection is not null)
        {
            Write(text, indent + 1, selection);
            Line(text, indent, "}");
        }

        foreach (var _ in groups)
        {
            Line(text, --indent, "}");
        }

        return text.Append('}').ToString();
    }

    public static string Variables(IReadOnlyList<FieldType> groups, FieldType operation)
    {
        var variables = new JsonObject();
        foreach (var field in groups.Append(operation))
        {
            foreach (var argument in field.Arguments ?? [])
            {
                variables[argument.Name] = Input(argument.ResolvedType!, field.Name, argument.Name);
            }
        }

        return variables.ToJsonString(Json);
    }

    public static string Response(IReadOnlyList<FieldType> groups, FieldType operation, string owner)
    {
        JsonNode? data = new JsonObject
        {
            [operation.Name] = Output(operation.ResolvedType!, owner, operation.Name, SelectionOf(operation), true),
        };
        foreach (var group in groups.Reverse())
        {
            data = new JsonObject { [group.Name] = data };
        }

        return new JsonObject { ["data"] = data }.ToJsonString(Json);
    }

    /// <summary>A type as the SDL prints it, such as <c>[User!]!</c>.</summary>
    public static string Print(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Print(nonNull.ResolvedType!) + "!",
        ListGraphType list => "[" + Print(list.ResolvedType!) + "]",
        _ => type.Name,
    };

    private static List<Selection>? SelectionOf(FieldType operation) =>
        operation.ResolvedType!.GetNamedType() is IComplexGraphType complex ? Select(complex, 1) : null;

    // Scalars at every level; objects down to MaxDepth. Fields that need arguments are left out, since the
    // example would have to invent values for them.
    private static List<Selection> Select(IComplexGraphType type, int depth)
    {
        var selections = new List<Selection>();
        foreach (var field in type.Fields.Where(f => f.Arguments is not { Count: > 0 }))
        {
            var named = field.ResolvedType!.GetNamedType();
            if (named is ScalarGraphType)
            {
                selections.Add(new Selection(field, type.Name, null));
            }
            else if (named is IComplexGraphType complex && depth < MaxDepth
                && Select(complex, depth + 1) is { Count: > 0 } children)
            {
                selections.Add(new Selection(field, type.Name, children));
            }
        }

        return selections;
    }

    private static void Write(StringBuilder text, int indent, List<Selection> selections)
    {
        foreach (var selection in selections)
        {
            if (selection.Children is null)
            {
                Line(text, indent, selection.Field.Name);
                continue;
            }

            Line(text, indent, selection.Field.Name + " {");
            Write(text, indent + 1, selection.Children);
            Line(text, indent, "}");
        }
    }

    private static void Line(StringBuilder text, int indent, string line) =>
        text.Append(' ', indent * 2).Append(line).Append('\n');

    // A nullable id inside an input names optional context (such as the account of an invitation); the
    // example leaves it null so that the sample stays consistent with the other fields.
    private static JsonNode? Input(IGraphType type, string owner, string name) => type switch
    {
        NonNullGraphType nonNull => Input(nonNull.ResolvedType!, owner, name),
        ListGraphType list => new JsonArray(Input(list.ResolvedType!, owner, name)),
        IInputObjectGraphType input => new JsonObject(input.Fields.Select(field => KeyValuePair.Create(
            field.Name,
            field.ResolvedType is not NonNullGraphType && field.Name.EndsWith("Id", StringComparison.Ordinal)
                ? null
                : Input(field.ResolvedType!, input.Name, field.Name)))),
        _ => SampleValues.For(owner, name, type),
    };

    private static JsonNode? Output(IGraphType type, string owner, string name, List<Selection>? children, bool top) =>
        type switch
        {
            NonNullGraphType nonNull => Output(nonNull.ResolvedType!, owner, name, children, top),
            ListGraphType list => new JsonArray(Output(list.ResolvedType!, owner, name, children, top)),
            _ when children is not null => new JsonObject(children.Select(child => KeyValuePair.Create(
                child.Field.Name,
                Output(child.Field.ResolvedType!, child.Owner, child.Field.Name, child.Children, false)))),
            _ => SampleValues.For(owner, name, type, top),
        };

    private static string Call(FieldType field) => field.Arguments is { Count: > 0 } arguments
        ? field.Name + "(" + string.Join(", ", arguments.Select(a => $"{a.Name}: ${a.Name}")) + ")"
        : field.Name;

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private sealed record Selection(FieldType Field, string Owner, List<Selection>? Children);
}
