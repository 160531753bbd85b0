using System.Text.Json;
using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Internal;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Reporting;

// The JSON contract's shape (schemaVersion 1), as DTOs serialized by System.Text.Json source generation. Fields are only
// ever added; docs/passrole-report.schema.json is the published schema and every sample report is tested against it.
#pragma warning disable SA1402, SA1649 // the contract's DTOs read best together

internal sealed record ReportDto(
    int SchemaVersion,
    string Decision,
    string Cause,
    string? Principal,
    string? Role,
    string Service,
    string? Account,
    string? GlueJob,
    IReadOnlyList<CheckDto> Checks,
    IReadOnlyList<BlockerDto> Blockers,
    IReadOnlyList<FindingDto> Findings,
    EvaluationDto? Evaluation,
    IReadOnlyList<VariantDto> MfaVariants,
    FixDto? Fix,
    VerificationDto? Verification,
    IReadOnlyList<StepDto> Steps,
    IReadOnlyList<UnreadDto> Unread,
    IReadOnlyList<RequestKeyDto> Request,
    CircumstancesDto? Circumstances,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Resource = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GlueResourceKind = null);

internal sealed record RequestKeyDto(string Key, IReadOnlyList<string> Values, string Source, string Note);

internal sealed record CircumstancesDto(IReadOnlyList<string> Keys, bool Complete, int Bound, string Verdict, IReadOnlyList<CircumstanceOutcomeDto> Outcomes, string VerdictByReadPolicies);

internal sealed record CircumstanceOutcomeDto(string When, IReadOnlyDictionary<string, string?> Values, string Decision, string DecisionByReadPolicies, string? UnknownBecause);

internal sealed record UnreadDto(string PolicyType, string Subject, string Message, string? MissingPermission);

internal sealed record CheckDto(string Title, string Outcome, string Summary, IReadOnlyList<string> Details, string? Step);

internal sealed record BlockerDto(string PolicyType, string Kind, string Policy, string? Statement, int? Level, string? AttachedTo, string? Detail, string Basis);

internal sealed record FindingDto(string Code, string Severity, string Message, string? Step, IReadOnlyList<EvidenceDto> Evidence);

internal sealed record PolicyRefDto(string Name, string Source, string? Arn, string? AttachedTo);

internal sealed record EvidenceDto(
    string Text,
    PolicyRefDto? Policy,
    string? PolicyType,
    string? Statement,
    string? Element,
    string? ContextKey,
    IReadOnlyList<string> Expected,
    IReadOnlyList<string> Actual,
    string? MissingPermission,
    string? Note);

internal sealed record EvaluationDto(
    string Decision,
    string Explanation,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Context,
    LayerDto? LayerLackingAllow,
    IReadOnlyList<DecidingStatementDto> DecidingStatements,
    IReadOnlyList<MissDto> Misses,
    IReadOnlyList<string> MissingContextKeys);

internal sealed record LayerDto(string PolicyType, int? Level);

internal sealed record DecidingStatementDto(string PolicyType, string Policy, string Source, string? AttachedTo, string Statement, string Effect, int? Level);

internal sealed record MissDto(string PolicyType, string Policy, string? AttachedTo, string Statement, string Effect, string Element, string Reason);

internal sealed record VariantDto(string Name, string Decision, bool ChangesDecision, string DecisionByReadPolicies, string? UnknownBecause);

internal sealed record FixDto(
    FixTargetDto Target,
    string PolicyName,
    JsonElement Document,
    string Command,
    string? Rationale,
    IReadOnlyList<AlternativeDto> Alternatives,
    IReadOnlyList<RequiredChangeDto> AlsoRequired,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TemplateChangeDto? TemplateChange = null);

/// <summary>Only when the IaC defines what the fix is made to: the fix as an edit of the template or Terraform configuration.</summary>
internal sealed record TemplateChangeDto(string Format, string File, int? Line, string Resource, string? Property, string? ResourceType, string Description, string Snippet);

internal sealed record FixTargetDto(string Type, string Name, string? Arn);

internal sealed record AlternativeDto(string Kind, string Text, PolicyRefDto? Policy, string? RolePattern, string? Command);

internal sealed record RequiredChangeDto(string Kind, string Text, string? PolicyType, int? Level, EvidenceDto? Statement, string? Command);

/// <summary>The fix's verification; <c>fixWorks</c> is null when it is not known (some policy could not be read).</summary>
internal sealed record VerificationDto(string DecisionBeforeFix, string DecisionAfterFix, string? DecisionByReadPolicies, bool? FixWorks, string Explanation);

internal sealed record StepDto(string Name, string Outcome, double DurationMs, string? Note);

[JsonSerializable(typeof(ReportDto))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    /// <summary>The context with the contract's options (<see cref="ContractJsonOptions"/>).</summary>
    public static ReportJsonContext Contract => field ??= new(ContractJsonOptions.Create());
}

/// <summary>Maps a report to its DTOs.</summary>
internal static class ReportDtoMapper
{
    public static ReportDto Map(PassRoleReport report) => new(
        PassRoleReport.SchemaVersion,
        report.Decision.ToString(),
        Cause(report.Decision),
        report.Principal,
        report.Role,
        report.Service,
        report.Account,
        report.GlueJob,
        [.. report.Checks.Select(c => new CheckDto(c.Title, c.Outcome.ToString(), c.Summary, c.Details, c.Step))],
        [.. report.Blockers.Select(b => new BlockerDto(b.PolicyType.ToString(), b.Kind.ToString(), b.Policy, b.Statement, b.Level, b.AttachedTo, b.Detail, b.Basis.ToString()))],
        [.. report.Findings.Select(f => new FindingDto(f.Code, f.Severity.ToString(), f.Message, f.Step, [.. f.Evidence.Select(Map)]))],
        report.Evaluation is { } evaluation ? Map(evaluation) : null,
        [.. (report.MfaVariants?.Variants ?? []).Select((v, i) => Map(v, report.MfaVariantsByReadPolicies?.Variants.ElementAtOrDefault(i)?.Decision ?? v.Decision, report))],
        report.Fix is { } fix ? Map(fix) : null,
        report.Verification is { } verification
            ? new VerificationDto(
                verification.DecisionBeforeFix.ToString(),
                verification.DecisionAfterFix.ToString(),
                verification.DecisionByReadPolicies?.ToString(),
                verification.DecisionAfterFix == Decision.Unknown ? null : verification.FixWorks,
                verification.Explanation)
            : null,
        [.. report.Steps.Select(s => new StepDto(s.Name, s.Outcome.ToString(), Math.Round(s.Duration.TotalMilliseconds, 3), s.Note))],
        [.. report.Unread.Select(g => new UnreadDto(g.PolicyType.ToString(), g.Subject, g.Error.Message, g.Error.MissingPermission))],
        [.. (report.Request?.Keys ?? []).Select(k => new RequestKeyDto(k.Key, k.Values, k.Source.ToString(), k.Note))],
        report.Circumstances is { } circumstances ? Map(circumstances, report.CircumstancesByReadPolicies ?? circumstances, report) : null,
        report.Action,
        report.Action is null ? null : report.Resource,
        report.GlueResourceKind?.ToString());

    private static VariantDto Map(VariantDecision variant, Decision byReadPolicies, PassRoleReport report) => new(
        variant.Variant.Name,
        variant.Decision.ToString(),
        variant.ChangesDecision,
        byReadPolicies.ToString(),
        UnknownBecause(variant.Decision, byReadPolicies, report));

    private static CircumstancesDto Map(ConditionalDecision circumstances, ConditionalDecision byReadPolicies, PassRoleReport report) => new(
        circumstances.Space.Keys,
        circumstances.IsComplete,
        circumstances.Space.Bound,
        circumstances.Describe(),
        [.. circumstances.Outcomes.Select((o, i) =>
        {
            var computed = byReadPolicies.Outcomes.ElementAtOrDefault(i)?.Decision ?? o.Decision;
            return new CircumstanceOutcomeDto(
                o.Assignment.Count == 0 ? "always" : circumstances.Relevant(o),
                o.Assignment.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
                o.Decision.ToString(),
                computed.ToString(),
                UnknownBecause(o.Decision, computed, report));
        })],
        byReadPolicies.Describe());

    /// <summary>Why a decision the read policies give is stated Unknown: what was not read and what it could do.</summary>
    private static string? UnknownBecause(Decision stated, Decision byReadPolicies, PassRoleReport report) =>
        stated == Decision.Unknown && byReadPolicies != Decision.Unknown ? PartialData.Reason(report.Unread) : null;

    /// <summary>The contract's <c>cause</c>: a name for the decision, kept for the tools that read it.</summary>
    public static string Cause(Decision decision) => decision switch
    {
        Decision.ExplicitDeny => "ExplicitDeny",
        Decision.ImplicitDeny => "NoAllow",
        Decision.Allowed => "Allowed",
        _ => "Incomplete",
    };

    private static EvidenceDto Map(Evidence evidence) => new(
        evidence.ToString(),
        evidence.Policy is { } policy ? new PolicyRefDto(policy.Name, policy.Kind.ToString(), policy.Arn, policy.AttachedTo) : null,
        evidence.PolicyType?.ToString(),
        evidence.Statement,
        evidence.Element?.ToString(),
        evidence.ContextKey,
        evidence.Expected,
        evidence.Actual,
        evidence.MissingPermission,
        evidence.Note);

    private static EvaluationDto Map(EvaluationResult evaluation) => new(
        evaluation.Decision.ToString(),
        evaluation.Explanation,
        evaluation.Request.Context.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        evaluation.LayerLackingAllow is { } layer ? new LayerDto(layer.PolicyType.ToString(), layer.Level) : null,
        [.. evaluation.DecidingStatements.Select(s => new DecidingStatementDto(
            s.PolicyType.ToString(), s.Policy.Source.Name, s.Policy.Source.Kind.ToString(), s.Policy.Source.AttachedTo, s.StatementLabel, s.Statement.Effect.ToString(), s.Level))],
        [.. evaluation.Misses.Select(m => new MissDto(
            m.PolicyType.ToString(), m.Policy.Source.Name, m.Policy.Source.AttachedTo, m.StatementLabel, m.Statement.Effect.ToString(), m.FailedElement.ToString(), m.Reason))],
        evaluation.MissingContextKeys);

    private static FixDto Map(ProposedFix fix)
    {
        using var document = JsonDocument.Parse(fix.Document.ToJson(indented: false));
        return new FixDto(
            new FixTargetDto(fix.Target.Type.ToString(), fix.Target.Name, fix.Target.Arn),
            fix.PolicyName,
            document.RootElement.Clone(),
            fix.Command,
            fix.Rationale,
            [.. fix.Alternatives.Select(a => new AlternativeDto(
                a.Kind.ToString(), a.Description, a.Policy is { } p ? new PolicyRefDto(p.Name, p.Kind.ToString(), p.Arn, p.AttachedTo) : null, a.RolePattern, a.Command))],
            [.. fix.AlsoRequired.Select(r => new RequiredChangeDto(
                r.Kind.ToString(), r.Description, r.PolicyType?.ToString(), r.Level, r.Statement is { } statement ? Map(statement) : null, r.Command))],
            fix.TemplateChange is { } change
                ? new TemplateChangeDto(JsonNamingPolicy.CamelCase.ConvertName(change.Format.ToString()), change.File, change.Line, change.Resource, change.Property, change.ResourceType, change.Description, change.Snippet)
                : null);
    }
}
