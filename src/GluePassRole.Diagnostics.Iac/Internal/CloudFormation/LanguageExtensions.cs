using System.Text;
using GluePassRole.Diagnostics.Iac.Internal.Documents;

namespace GluePassRole.Diagnostics.Iac.Internal.CloudFormation;

/// <summary>
/// The <c>AWS::LanguageExtensions</c> transform's <c>Fn::ForEach</c> (CloudFormation User Guide, "Fn::ForEach"): a key
/// <c>Fn::ForEach::LoopName: [Identifier, Collection, {OutputKey: OutputValue}]</c> stands for one copy of the output
/// per item of the collection, <c>${Identifier}</c> and <c>&amp;{Identifier}</c> (the item without its non-alphanumeric
/// characters) replaced in the output key, and <c>Ref: Identifier</c> and <c>${Identifier}</c> in the output value.
/// The collection is a literal list or a <c>Ref</c> to a list parameter; when it is not known, the loop is left out and
/// reported unknown.
/// </summary>
internal static class LanguageExtensions
{
    private const string ForEach = "Fn::ForEach::";

    /// <summary>The template with every <c>Fn::ForEach</c> expanded; loops over a list not known before deploy are left out and added to <paramref name="unknowns"/>.</summary>
    public static DocNode Expand(DocNode root, string file, TemplateParameters parameters, List<IacUnknown> unknowns)
    {
        if (root is not DocMapping template || !HasForEach(template))
        {
            return root;
        }

        var context = new Context(file, template["Parameters"] as DocMapping, parameters, unknowns);
        return Expand(template, context, "$", []);
    }

    private sealed record Context(string File, DocMapping? Parameters, TemplateParameters Given, List<IacUnknown> Unknowns);

    private static bool HasForEach(DocNode node) => node switch
    {
        DocMapping map => map.Entries.Any(e => e.Key.StartsWith(ForEach, StringComparison.Ordinal) || HasForEach(e.Value)),
        DocSequence list => list.Items.Any(HasForEach),
        _ => false,
    };

    private static DocNode Expand(DocNode node, Context context, string path, string[] resourcePath)
    {
        switch (node)
        {
            case DocSequence list:
                return list with { Items = [.. list.Items.Select((item, i) => Expand(item, context, $"{path}[{i}]", resourcePath))] };
            case DocMapping map:
                var entries = new List<KeyValuePair<string, DocNode>>();
                foreach (var (key, value) in map.Entries)
                {
                    if (!key.StartsWith(ForEach, StringComparison.Ordinal))
                    {
                        entries.Add(new(key, Expand(value, context, $"{path}.{key}", [.. resourcePath, key])));
                        continue;
                    }

                    foreach (var generated in Loop(key, value, context, $"{path}.{key}", resourcePath))
                    {
                        if (entries.Any(e => string.Equals(e.Key, generated.Key, StringComparison.Ordinal)))
                        {
                            throw new IacTemplateException($"{key} generates the key '{generated.Key}', which the map already has.", context.File, value.Line, $"{path}.{key}");
                        }

                        entries.Add(generated);
                    }
                }

                return map with { Entries = entries };
            default:
                return node;
        }
    }

    private static IEnumerable<KeyValuePair<string, DocNode>> Loop(string key, DocNode loop, Context context, string path, string[] resourcePath)
    {
        if (loop is not DocSequence { Items: [DocScalar identifier, var collection, DocMapping output] })
        {
            throw new IacTemplateException($"{key} takes [Identifier, Collection, {{OutputKey: OutputValue}}].", context.File, loop.Line, path);
        }

        var items = Collection(collection, context, out var why);
        if (items is null)
        {
            var where = resourcePath.Length > 0 ? string.Join('.', resourcePath) : "$";
            var origin = new IacOrigin(context.File, key, loop.KeyLine);
            context.Unknowns.Add(new IacUnknown(origin, $"the collection of {key} is {why}, so what it generates in {where} ({string.Join(", ", output.Entries.Select(e => e.Key))}) is unknown"));
            yield break;
        }

        foreach (var item in items)
        {
            var bound = (DocMapping)Substitute(output, identifier.Value, item);
            foreach (var (outputKey, value) in bound.Entries)
            {
                yield return new(outputKey, Expand(value, context, $"{path}.{outputKey}", [.. resourcePath, outputKey]));
            }
        }
    }

    private static string[]? Collection(DocNode collection, Context context, out string? why)
    {
        why = null;
        switch (collection)
        {
            case DocSequence list when list.Items.All(i => i is DocScalar):
                return [.. list.Items.Select(i => ((DocScalar)i).Value)];
            case DocMapping { SingleKey: "Ref" } reference when reference["Ref"] is DocScalar name:
                if (context.Given.Values.TryGetValue(name.Value, out var given))
                {
                    return Split(given);
                }

                if (context.Parameters?[name.Value] is not DocMapping definition)
                {
                    why = $"Ref {name.Value}, which is not a parameter of the template";
                    return null;
                }

                switch (definition["Default"])
                {
                    case DocSequence defaults when defaults.Items.All(i => i is DocScalar):
                        return [.. defaults.Items.Select(i => ((DocScalar)i).Value)];
                    case DocScalar { IsNull: false } text:
                        return Split(text.Value);
                }

                why = $"parameter {name.Value}, which has no value (give it with --parameter {name.Value}=a,b)";
                return null;
            default:
                why = "not a literal list or a Ref to a list parameter (known only at deploy)";
                return null;
        }
    }

    private static string[] Split(string value) => [.. value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0)];

    /// <summary>Replaces <c>${Identifier}</c>, <c>&amp;{Identifier}</c> and <c>Ref: Identifier</c> with the item.</summary>
    private static DocNode Substitute(DocNode node, string identifier, string value)
    {
        var dollar = "${" + identifier + "}";
        var ampersand = "&{" + identifier + "}";
        var alphanumeric = new StringBuilder();
        foreach (var c in value.Where(char.IsAsciiLetterOrDigit))
        {
            alphanumeric.Append(c);
        }

        string Text(string text) => text.Replace(dollar, value, StringComparison.Ordinal).Replace(ampersand, alphanumeric.ToString(), StringComparison.Ordinal);

        DocNode Walk(DocNode n) => n switch
        {
            DocMapping { SingleKey: "Ref" } r when r["Ref"] is DocScalar s && s.Value == identifier => new DocScalar(value, r.Line) { KeyLine = r.KeyLine },
            DocMapping map => map with { Entries = [.. map.Entries.Select(e => new KeyValuePair<string, DocNode>(Text(e.Key), Walk(e.Value)))] },
            DocSequence list => list with { Items = [.. list.Items.Select(Walk)] },
            DocScalar scalar => scalar with { Value = Text(scalar.Value) },
            _ => n,
        };

        return Walk(node);
    }
}
