using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Policies.Validation;
using GluePassRole.Diagnostics.Reporting;

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
        var run = new SarifRun(
            [.. rules.Select(rule => new SarifRule(rule.Code, rule.Title)
            {
                Name = rule.Code,
                FullDescription = rule.WhyItMatters,
                HelpText = $"{rule.WhyItMatters} See {rule.HelpUri}",
                HelpUri = rule.HelpUri.ToString(),
                DefaultLevel = Level(rule.Kind),
                Properties = [SarifProperty.Of("kind", rule.Kind.ToString())],
                Tags = rule.Kind == PolicyFindingKind.SecurityWarning ? ["security"] : [],
            })],
            [.. files.SelectMany(validated => validated.Result.Findings.Select(finding => Result(validated.File, finding, rules, baseUri)))])
        {
            SemanticVersion = ToolVersion(),
            SourceRoot = baseUri.AbsoluteUri,
            ExecutionSuccessful = unreadable.Count == 0,
            ErrorNotifications = unreadable,
        };
        stdout.Write(SarifWriter.Write(run));
    }

    private static SarifResult Result(FileInfo file, PolicyFinding finding, IReadOnlyList<PolicyRule> rules, Uri baseUri)
    {
        var ruleIndex = rules.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Code == finding.Code, (null!, -1)).Item2;

        // Inside the base folder a file is named relative to SRCROOT; outside it, by its absolute URI.
        var fileUri = new Uri(Path.GetFullPath(file.FullName));
        var relative = baseUri.MakeRelativeUri(fileUri);
        var location = !relative.IsAbsoluteUri && !relative.OriginalString.StartsWith("../", StringComparison.Ordinal)
            ? new SarifLocation(relative.OriginalString) { UriBaseId = "SRCROOT" }
            : new SarifLocation(fileUri.AbsoluteUri);
        if (finding.Line is int line)
        {
            location = location with { StartLine = line, StartColumn = finding.Column ?? 1 };
        }

        List<SarifProperty> properties = [SarifProperty.Of("kind", finding.Kind.ToString()), SarifProperty.Of("jsonPath", finding.JsonPath)];
        if (finding.StatementIndex is int index)
        {
            properties.Add(SarifProperty.Of("statementIndex", index));
        }

        if (finding.Sid is { } sid)
        {
            properties.Add(SarifProperty.Of("sid", sid));
        }

        if (finding.Element is { } element)
        {
            properties.Add(SarifProperty.Of("element", element));
        }

        return new SarifResult(finding.Code, Level(finding.Kind), finding.Message)
        {
            RuleIndex = ruleIndex >= 0 ? ruleIndex : null,
            Locations = [location],
            Properties = properties,
        };
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
