using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Iac;
using GluePassRole.Diagnostics.Iac.Internal;

namespace GluePassRole.Diagnostics.Cli.Commands;

// The JSON of glue-passrole check --format json (schemaVersion 1, docs/passrole-check.schema.json) as DTOs serialized by
// System.Text.Json source generation: each finding's facts as fields (the request and its decision, who, which role,
// which Glue resource, where), the message beside them. Fields are only ever added.
#pragma warning disable SA1402, SA1649 // the contract's DTOs read best together

internal sealed record CheckReportDto(int SchemaVersion, string Result, CheckSummaryDto Summary, IReadOnlyList<CheckItemDto> Findings);

internal sealed record CheckSummaryDto(
    string Scope,
    int GlueResourcesChecked,
    IReadOnlyList<string> PrincipalsChecked,
    IReadOnlyList<string> GroupsChecked,
    int Failed,
    int Warnings,
    int Conditional,
    int Unknown,
    int Notes);

internal sealed record CheckItemDto(
    string RuleId,
    string Severity,
    string? Decision,
    string Message,
    string? Action,
    string? Principal,
    string? Group,
    string? Role,
    string? Service,
    CheckGlueResourceDto? GlueResource,
    CheckLocationDto? Location,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Unknowns,
    string? DecidedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CheckFixDto? Fix);

internal sealed record CheckGlueResourceDto(string Kind, string Name, CheckLocationDto Location);

/// <summary>Where in the IaC: the file, the line when known, the CloudFormation logical ID or Terraform address, the property inside it.</summary>
internal sealed record CheckLocationDto(string File, int? Line, string Resource, string? Property);

internal sealed record CheckFixDto(
    CheckFixTargetDto Target,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CheckLocationDto? Where,
    string Change,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OnlyIf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Policy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CheckTemplateChangeDto? TemplateChange);

/// <summary>The fix as a change to the IaC file in its own form: YAML, JSON or HCL text to add at the location.</summary>
internal sealed record CheckTemplateChangeDto(string Format, CheckLocationDto Location, string? ResourceType, string Description, string Snippet);

internal sealed record CheckFixTargetDto(
    string Kind,
    string Name,
    string Arn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CheckLocationDto? DefinedAt);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CheckReportDto))]
internal sealed partial class CheckJsonContext : JsonSerializerContext
{
    /// <summary>The contract's options: relaxed escaping so ARNs, quotes in messages and '+' read as written.</summary>
    /// <remarks>Lazy: the generated <c>Default</c> lives in another part of this class, whose static initialization order is not defined.</remarks>
    public static CheckJsonContext Contract => field ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>Maps a check result to its DTOs.</summary>
internal static class CheckJson
{
    public const int SchemaVersion = 1;

    public static string Write(IacCheckResult result) =>
        JsonSerializer.Serialize(Map(result), CheckJsonContext.Contract.CheckReportDto) + Environment.NewLine;

    public static CheckReportDto Map(IacCheckResult result)
    {
        int Count(IacCheckSeverity severity) => result.Findings.Count(f => f.Severity == severity);
        return new(
            SchemaVersion,
            Outcome(result),
            new CheckSummaryDto(
                result.Scope,
                result.GlueResourcesChecked,
                result.PrincipalsChecked,
                result.GroupsChecked,
                Count(IacCheckSeverity.Error),
                Count(IacCheckSeverity.Warning),
                Count(IacCheckSeverity.Conditional),
                Count(IacCheckSeverity.Unknown),
                Count(IacCheckSeverity.Note)),
            [.. result.Findings.Select(f => Map(f, result.Facts.GetValueOrDefault(f)))]);
    }

    /// <summary>The check's outcome: failed, undecided, conditional (passed, under the conditions its findings name) or passed.</summary>
    public static string Outcome(IacCheckResult result) =>
        result.HasErrors ? "failed" : result.HasUnknowns ? "undecided" : result.HasConditions ? "conditional" : "passed";

    private static CheckItemDto Map(IacCheckFinding finding, CheckFacts? facts) => new(
        finding.RuleId,
        finding.Severity.ToString().ToLowerInvariant(),
        facts?.DecisionName,
        finding.Message,
        facts?.Action,
        facts?.Principal,
        facts?.Group,
        facts?.Role,
        facts?.Service,
        facts?.Resource is { } glue ? new CheckGlueResourceDto(Name(glue.Kind.ToString()), glue.Name, Location(glue.Origin)) : null,
        finding.Origin is { } origin ? Location(origin) : null,
        finding.Conditions,
        finding.Unknowns,
        finding.DecidedBy,
        finding.Fix is { } fix ? Map(fix) : null);

    private static CheckFixDto Map(IacCheckFix fix)
    {
        JsonElement? policy = null;
        if (fix.Policy is { } document)
        {
            using var parsed = JsonDocument.Parse(document.ToJson(indented: false));
            policy = parsed.RootElement.Clone();
        }

        return new(
            new CheckFixTargetDto(Name(fix.Target.Kind.ToString()), fix.Target.Name, fix.Target.Arn, fix.Target.Origin is { } defined ? Location(defined) : null),
            fix.Where is { } where ? Location(where) : null,
            fix.Change,
            fix.OnlyIf,
            policy,
            fix.TemplateChange is { } change
                ? new CheckTemplateChangeDto(Name(change.Format.ToString()), new CheckLocationDto(change.File, change.Line, change.Resource, change.Property), change.ResourceType, change.Description, change.Snippet)
                : null);
    }

    private static CheckLocationDto Location(IacOrigin origin) => new(origin.File, origin.Line, origin.Resource, origin.Property);

    /// <summary>An enum value's name as the contract spells it: <c>job</c>, <c>mlTransform</c>, <c>managedPolicy</c>.</summary>
    private static string Name(string value) => JsonNamingPolicy.CamelCase.ConvertName(value);
}
