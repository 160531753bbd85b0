using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Policies.Validation;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>Writes <c>policy validate --type</c> results as text, JSON or SARIF 2.1.0.</summary>
internal static class PolicyValidationOutput
{
    public static void WriteText(IReadOnlyList<ValidatedFile> files, TextWriter stdout)
    {
        foreach (var (file, result) in files)
        {
            if (result.Findings.Count == 0)
            {
                var statements = result.Document!.Statements.Count;
                stdout.WriteLine($"{file}: OK as {result.PolicyType} ({statements} statement{(statements == 1 ? string.Empty : "s")})");
                continue;
            }

            stdout.WriteLine($"{file}: {result}");
            foreach (var finding in result.Findings)
            {
                var where = finding.Line is int line ? $"{file}:{line}:{finding.Column}" : file.ToString();
                stdout.WriteLine($"  {where}: {KindText(finding.Kind)} {finding.Code}: {finding.Message} (at {finding.JsonPath})");
                stdout.WriteLine($"      why: {finding.WhyItMatters}");
            }
        }
    }

    public static void WriteJson(IReadOnlyList<ValidatedFile> files, TextWriter stdout)
    {
        var output = new ValidationOutput(1, [.. files.Select(f => new FileOutput(
            f.File.ToString(),
            f.Result.PolicyType.ToString(),
            !f.Result.HasErrors,
            [.. f.Result.Findings.Select(x => new FindingOutput(
                x.Code, x.Kind.ToString(), x.Message, x.WhyItMatters, x.HelpUri.ToString(), x.JsonPath, x.StatementIndex, x.Sid, x.Element, x.Line, x.Column))]))]);
        stdout.WriteLine(JsonSerializer.Serialize(output, PolicyValidationJsonContext.Default.ValidationOutput));
    }

    /// <summary>
    /// The subset of SARIF 2.1.0 code scanning needs: one run, the tool with its rules (and help), one result per finding
    /// with its file and region, and the invocation (failed when a file could not be read).
    /// </summary>
    public static void WriteSarif(IReadOnlyList<ValidatedFile> files, IReadOnlyList<string> unreadable, string baseDirectory, TextWriter stdout)
    {
        var rules = PolicyValidator.Rules;
        var baseUri = new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory)) + Path.DirectorySeparatorChar);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "glue-passrole");
            json.WriteString("semanticVersion", ToolVersion());
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("SRCROOT");
            json.WriteString("uri", baseUri.AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", unreadable.Count == 0);
            if (unreadable.Count > 0)
            {
                json.WriteStartArray("toolExecutionNotifications");
                foreach (var error in unreadable)
                {
                    json.WriteStartObject();
                    json.WriteString("level", "error");
                    WriteMessage(json, error);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("results");
            foreach (var (file, result) in files)
            {
                foreach (var finding in result.Findings)
                {
                    WriteResult(json, file, finding, rules, baseUri);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteRule(Utf8JsonWriter json, PolicyRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Code);
        json.WriteString("name", rule.Code);
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.WhyItMatters);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", $"{rule.WhyItMatters} See {rule.HelpUri}");
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri.ToString());
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Kind));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("kind", rule.Kind.ToString());
        if (rule.Kind == PolicyFindingKind.SecurityWarning)
        {
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, FileInfo file, PolicyFinding finding, IReadOnlyList<PolicyRule> rules, Uri baseUri)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Code);
        var ruleIndex = rules.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Code == finding.Code, (null!, -1)).Item2;
        if (ruleIndex >= 0)
        {
            json.WriteNumber("ruleIndex", ruleIndex);
        }

        json.WriteString("level", Level(finding.Kind));
        WriteMessage(json, finding.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var fileUri = new Uri(Path.GetFullPath(file.FullName));
        var relative = baseUri.MakeRelativeUri(fileUri);
        if (!relative.IsAbsoluteUri && !relative.OriginalString.StartsWith("../", StringComparison.Ordinal))
        {
            json.WriteString("uri", relative.OriginalString);
            json.WriteString("uriBaseId", "SRCROOT");
        }
        else
        {
            json.WriteString("uri", fileUri.AbsoluteUri);
        }

        json.WriteEndObject();
        if (finding.Line is int line)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", line);
            json.WriteNumber("startColumn", finding.Column ?? 1);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteString("kind", finding.Kind.ToString());
        json.WriteString("jsonPath", finding.JsonPath);
        if (finding.StatementIndex is int index)
        {
            json.WriteNumber("statementIndex", index);
        }

        if (finding.Sid is { } sid)
        {
            json.WriteString("sid", sid);
        }

        if (finding.Element is { } element)
        {
            json.WriteString("element", element);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject("message");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>SARIF levels: security warnings are warnings (tagged "security" on their rule), suggestions are notes.</summary>
    private static string Level(PolicyFindingKind kind) => kind switch
    {
        PolicyFindingKind.Error => "error",
        PolicyFindingKind.Suggestion => "note",
        _ => "warning",
    };

    private static string KindText(PolicyFindingKind kind) => kind switch
    {
        PolicyFindingKind.Error => "error",
        PolicyFindingKind.SecurityWarning => "security warning",
        PolicyFindingKind.Warning => "warning",
        _ => "suggestion",
    };

    private static string ToolVersion()
    {
        var version = typeof(PolicyValidationOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

/// <summary><c>policy validate --type … --format json</c>: a documented contract (camelCase; fields only ever added).</summary>
internal sealed record ValidationOutput(int SchemaVersion, IReadOnlyList<FileOutput> Files);

/// <summary>One file's findings.</summary>
internal sealed record FileOutput(string File, string PolicyType, bool Valid, IReadOnlyList<FindingOutput> Findings);

/// <summary>One finding.</summary>
internal sealed record FindingOutput(
    string Code, string Kind, string Message, string WhyItMatters, string HelpUri, string JsonPath, int? StatementIndex, string? Sid, string? Element, int? Line, int? Column);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ValidationOutput))]
internal sealed partial class PolicyValidationJsonContext : JsonSerializerContext;
