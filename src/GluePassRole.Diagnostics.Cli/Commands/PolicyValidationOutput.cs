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
    /// SARIF 2.1.0 through the one mapping every command uses (<see cref="ReportSarif"/>): the rules (with help), one
    /// result per finding with its file (relative to <paramref name="sourceRoot"/>) and region, and a notification and a
    /// result for each file that could not be read.
    /// </summary>
    public static void WriteSarif(IReadOnlyList<ValidatedFile> files, IReadOnlyList<UnreadInput> unreadable, string sourceRoot, TextWriter stdout) =>
        stdout.Write(ReportSarif.Write(new SarifReport(
            [.. PolicyValidator.Rules.Select(rule => rule.ToReportRule())],
            [.. files.SelectMany(validated => validated.Result.Findings.Select(finding => finding.ToReportFinding(validated.File.FullName)))])
        {
            SourceRoot = sourceRoot,
            Unreadable = unreadable,
        }));

    private static string KindText(PolicyFindingKind kind) => kind switch
    {
        PolicyFindingKind.Error => "error",
        PolicyFindingKind.SecurityWarning => "security warning",
        PolicyFindingKind.Warning => "warning",
        _ => "suggestion",
    };
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
