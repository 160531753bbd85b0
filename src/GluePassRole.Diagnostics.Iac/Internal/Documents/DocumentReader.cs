using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Iac.Internal.Documents;

/// <summary>
/// Reads a CloudFormation template (JSON or YAML) into <see cref="DocNode"/>s, turning the YAML short forms
/// (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>...) into the long forms they stand for. Bounded: size, depth, no aliases.
/// </summary>
internal static class DocumentReader
{
    /// <summary>The deepest nesting accepted; real templates stay far below it.</summary>
    public const int MaxDepth = 64;

    /// <summary>Short-form tag to long-form key (CloudFormation User Guide, "Intrinsic function reference").</summary>
    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Join"] = "Fn::Join",
        ["!If"] = "Fn::If",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
        ["!Transform"] = "Fn::Transform",
    };

    /// <summary>Reads a file; JSON files that YAML cannot read (e.g. tab indentation) are read as JSON.</summary>
    /// <exception cref="IacTemplateException">The file is too large or not a valid template document.</exception>
    public static DocNode ReadFile(string file, long maxBytes) => ReadFile(file, maxBytes, out _);

    /// <summary>Reads a file, saying whether it is written as JSON (else YAML): a fix is written in the file's own form.</summary>
    /// <exception cref="IacTemplateException">The file is too large or not a valid template document.</exception>
    public static DocNode ReadFile(string file, long maxBytes, out bool json)
    {
        json = false;
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The file does not exist: {file}", file);
        }

        if (info.Length > maxBytes)
        {
            throw new IacTemplateException(
                $"The file is {info.Length:N0} bytes, over the limit of {maxBytes:N0} bytes (CloudFormation itself accepts templates of up to 1 MB).", file, null, "$");
        }

        var text = File.ReadAllText(file);
        if (LooksLikeJson(text))
        {
            json = true;
            // JSON templates must be JSON, but CloudFormation (and cfn-lint) accept trailing commas; YAML then adds line numbers.
            var strict = ReadJson(text, file);
            try
            {
                return ReadYaml(text, file);
            }
            catch (IacTemplateException)
            {
                return strict;
            }
        }

        return ReadYaml(text, file);
    }

    /// <summary>Reads YAML (JSON is YAML too), with line numbers.</summary>
    public static DocNode ReadYaml(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new IacTemplateException("The document is empty.", file, 1, "$");
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, "$", 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new IacTemplateException("The file holds more than one YAML document; a template is one.", file, LineOf(parser.Current), "$");
            }

            return root;
        }
        catch (YamlException e)
        {
            throw new IacTemplateException($"Not valid YAML: {e.Message}", file, (int)e.Start.Line, null, e);
        }
    }

    private static DocNode ReadJson(string text, string file)
    {
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowTrailingCommas = true });
            return FromJson(json.RootElement);
        }
        catch (JsonException e)
        {
            throw new IacTemplateException($"The file is {JsonErrors.Describe(e)}.", file, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "$", e);
        }
    }

    /// <summary>Converts parsed JSON (e.g. a Terraform plan's values) into nodes, without line numbers.</summary>
    public static DocNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new DocMapping([.. element.EnumerateObject().Select(p => new KeyValuePair<string, DocNode>(p.Name, FromJson(p.Value)))], 0),
        JsonValueKind.Array => new DocSequence([.. element.EnumerateArray().Select(FromJson)], 0),
        JsonValueKind.String => new DocScalar(element.GetString()!, 0),
        JsonValueKind.True or JsonValueKind.False => new DocScalar(element.GetRawText(), 0) { IsBoolean = true },
        JsonValueKind.Null => new DocScalar(string.Empty, 0) { IsNull = true },
        _ => new DocScalar(element.GetRawText(), 0),
    };

    private static bool LooksLikeJson(string text) => text.AsSpan().TrimStart().StartsWith("{");

    private static int LineOf(ParsingEvent? e) => e is null ? 0 : (int)e.Start.Line;

    private static DocNode ReadNode(IParser parser, string file, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new IacTemplateException($"The document nests deeper than {MaxDepth} levels.", file, LineOf(parser.Current), path);
        }

        var current = parser.Current;
        var line = LineOf(current);
        if (current is AnchorAlias)
        {
            // CloudFormation does not accept YAML aliases, and expanding them is how "billion laughs" documents blow up.
            throw new IacTemplateException("YAML aliases (*name) are not supported in CloudFormation templates.", file, line, path);
        }

        var tag = current is NodeEvent { Tag.IsEmpty: false } tagged ? tagged.Tag.Value : null;
        DocNode node;
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                node = Plain(scalar, line);
                break;
            case SequenceStart:
                parser.MoveNext();
                var items = new List<DocNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, file, $"{path}[{items.Count}]", depth + 1));
                }

                node = new DocSequence(items, line);
                break;
            case MappingStart:
                parser.MoveNext();
                var entries = new List<KeyValuePair<string, DocNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar key)
                    {
                        throw new IacTemplateException("A map key must be a plain string.", file, LineOf(parser.Current), path);
                    }

                    parser.MoveNext();
                    var childPath = $"{path}.{key.Value}";
                    if (key.Value == "<<")
                    {
                        throw new IacTemplateException("YAML merge keys (<<) are not supported in CloudFormation templates.", file, (int)key.Start.Line, childPath);
                    }

                    if (!seen.Add(key.Value))
                    {
                        throw new IacTemplateException($"The key '{key.Value}' appears twice in the same map.", file, (int)key.Start.Line, childPath);
                    }

                    entries.Add(new(key.Value, ReadNode(parser, file, childPath, depth + 1) with { KeyLine = (int)key.Start.Line }));
                }

                node = new DocMapping(entries, line);
                break;
            default:
                throw new IacTemplateException($"Unexpected YAML element {current?.GetType().Name}.", file, line, path);
        }

        return tag is null ? node : Expand(tag, node, file, line, path);
    }

    private static DocScalar Plain(Scalar scalar, int line)
    {
        var plain = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty;
        var value = scalar.Value;
        return new DocScalar(value, line)
        {
            IsBoolean = plain && (value is "true" or "false" or "True" or "False"),
            IsNull = plain && (value is "" or "~" or "null" or "Null"),
        };
    }

    /// <summary>Turns <c>!Tag value</c> into <c>{ "Fn::Tag": value }</c>; <c>!GetAtt A.B</c> into <c>["A", "B"]</c>.</summary>
    private static DocNode Expand(string tag, DocNode node, string file, int line, string path)
    {
        if (tag is "tag:yaml.org,2002:str" or "!!str" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:float")
        {
            return node is DocScalar s ? s with { IsBoolean = false, IsNull = false } : node;
        }

        if (!ShortForms.TryGetValue(tag, out var function))
        {
            throw new IacTemplateException(
                $"Unknown tag {tag}: CloudFormation's short forms are {string.Join(", ", ShortForms.Keys)}.", file, line, path);
        }

        if (function == "Fn::GetAtt" && node is DocScalar dotted)
        {
            var dot = dotted.Value.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == dotted.Value.Length - 1)
            {
                throw new IacTemplateException($"!GetAtt needs LogicalId.Attribute, not '{dotted.Value}'.", file, line, path);
            }

            node = new DocSequence([new DocScalar(dotted.Value[..dot], line), new DocScalar(dotted.Value[(dot + 1)..], line)], line);
        }
        else if (node is DocScalar { IsNull: true } empty && function is "Fn::GetAZs")
        {
            node = empty with { IsNull = false };
        }

        return new DocMapping([new(function, node is DocScalar s2 ? s2 with { IsBoolean = false, IsNull = false } : node)], line);
    }
}
