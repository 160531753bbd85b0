using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GluePassRole.Diagnostics.Iac.Internal.Fixes;

/// <summary>
/// Writes a JSON value (a policy document, a statement, a <c>Policies</c> entry) in a template's own form: CloudFormation
/// YAML (block style, <c>!GetAtt</c> short form), CloudFormation JSON, or a Terraform HCL expression. A reference is a
/// <c>{"Fn::GetAtt": [Id, Attribute]}</c> object for CloudFormation, and <see cref="HclReference"/> for Terraform.
/// </summary>
internal static partial class Snippets
{
    /// <summary>The key of the one-member object that stands for a raw Terraform expression (e.g. <c>aws_iam_role.r.arn</c>).</summary>
    private const string HclKey = "\u0000hcl";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> YamlReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "y", "n", "on", "off", "null",
    };

    /// <summary>A raw Terraform expression, written unquoted in HCL.</summary>
    public static JsonObject HclReference(string expression) => new() { [HclKey] = expression };

    /// <summary>A CloudFormation <c>Fn::GetAtt</c> of a resource's attribute.</summary>
    public static JsonObject GetAtt(string logicalId, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };

    /// <summary>The value as CloudFormation JSON, indented by two spaces.</summary>
    public static string Json(JsonNode node) => node.ToJsonString(Indented);

    /// <summary>The value as a CloudFormation YAML block (a mapping or a sequence), in the style of hand-written templates.</summary>
    public static string Yaml(JsonNode node) => string.Join('\n', YamlBlock(node, 0));

    /// <summary>The value as a Terraform expression (objects and tuples over several lines), indented from <paramref name="indent"/>.</summary>
    public static string Hcl(JsonNode? node, int indent = 0)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o[HclKey] is JsonValue raw:
                return raw.GetValue<string>();
            case JsonObject o:
                if (o.Count == 0)
                {
                    return "{}";
                }

                var width = o.Max(e => HclMemberKey(e.Key).Length);
                var members = o.Select(e => $"{pad}  {HclMemberKey(e.Key).PadRight(width)} = {Hcl(e.Value, indent + 2)}");
                return "{\n" + string.Join('\n', members) + "\n" + pad + "}";
            case JsonArray a:
                return a.Count == 0 ? "[]" : "[\n" + string.Join('\n', a.Select(i => $"{pad}  {Hcl(i, indent + 2)},")) + "\n" + pad + "]";
            case JsonValue v when v.TryGetValue<string>(out var text):
                return HclString(text);
            case null:
                return "null";
            default:
                return node.ToJsonString();
        }
    }

    /// <summary>A quoted HCL string: JSON-like escapes, and <c>${</c> / <c>%{</c> escaped so that a policy variable stays literal.</summary>
    public static string HclString(string text)
    {
        var escaped = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return escaped.Append('"').ToString().Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);
    }

    /// <summary>A Terraform resource label or name in snake case: <c>AllowPassEtlRuntimeToGlue</c> is <c>allow_pass_etl_runtime_to_glue</c>.</summary>
    public static string SnakeCase(string name)
    {
        var snake = CamelBoundary().Replace(name, "$1_$2");
        snake = NotIdentifier().Replace(snake, "_").Trim('_').ToLowerInvariant();
        return snake.Length > 0 && (char.IsAsciiLetter(snake[0]) || snake[0] == '_') ? snake : "fix_" + snake;
    }

    private static string HclMemberKey(string key) => HclIdentifier().IsMatch(key) ? key : HclString(key);

    private static List<string> YamlBlock(JsonNode? node, int indent)
    {
        var pad = new string(' ', indent);
        var lines = new List<string>();
        switch (node)
        {
            case JsonObject o when !IsInline(o):
                foreach (var (key, value) in o)
                {
                    if (IsInline(value))
                    {
                        lines.Add($"{pad}{YamlScalar(key)}: {YamlInline(value)}");
                    }
                    else
                    {
                        lines.Add($"{pad}{YamlScalar(key)}:");
                        lines.AddRange(YamlBlock(value, indent + 2));
                    }
                }

                break;
            case JsonArray a when a.Count > 0:
                foreach (var item in a)
                {
                    if (IsInline(item))
                    {
                        lines.Add($"{pad}- {YamlInline(item)}");
                        continue;
                    }

                    // The item's block one level in, its first line's indentation taken by the dash.
                    var block = YamlBlock(item, indent + 2);
                    block[0] = $"{pad}- {block[0][(indent + 2)..]}";
                    lines.AddRange(block);
                }

                break;
            default:
                lines.Add(pad + YamlInline(node));
                break;
        }

        return lines;
    }

    /// <summary>Whether a value is written on its key's line: a scalar, an empty collection, a <c>!GetAtt</c>.</summary>
    private static bool IsInline(JsonNode? node) => node switch
    {
        JsonObject o => o.Count == 0 || IsGetAtt(o),
        JsonArray a => a.Count == 0,
        _ => true,
    };

    private static bool IsGetAtt(JsonObject o) =>
        o.Count == 1 && o["Fn::GetAtt"] is JsonArray { Count: 2 } pair && pair.All(p => p is JsonValue v && v.TryGetValue<string>(out _));

    private static string YamlInline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o when IsGetAtt(o) => $"!GetAtt {o["Fn::GetAtt"]![0]!.GetValue<string>()}.{o["Fn::GetAtt"]![1]!.GetValue<string>()}",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.TryGetValue<string>(out var text) => YamlScalar(text),
        _ => node.ToJsonString(),
    };

    /// <summary>A plain scalar when YAML reads it back as the same string; else double-quoted (JSON escapes are YAML's too).</summary>
    private static string YamlScalar(string text) =>
        YamlPlain().IsMatch(text) && !text.EndsWith(':') && !YamlReserved.Contains(text)
            ? text
            : JsonSerializer.Serialize(text, Indented);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9:/_.*@+=,\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlPlain();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HclIdentifier();

    [GeneratedRegex(@"([a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"[^A-Za-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotIdentifier();
}
