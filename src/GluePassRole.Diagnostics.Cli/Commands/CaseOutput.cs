using System.Text.Json.Serialization;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Cli.Commands;

/// <summary>One line of <c>simulate --format json</c>: a documented contract (camelCase).</summary>
internal sealed record CaseOutput(string Name, string? Decision, string? Expected, bool? Match, string? Explanation, string? Error)
{
    public IReadOnlyList<StatementOutput> DecidingStatements { get; init; } = [];

    public LayerOutput? LayerLackingAllow { get; init; }

    public IReadOnlyList<MissOutput> Misses { get; init; } = [];

    public IReadOnlyList<string> MissingContextKeys { get; init; } = [];

    public static CaseOutput From(string name, Decision? expected, EvaluationResult result) =>
        new(name, result.Decision.ToString(), expected?.ToString(), expected is null ? null : expected == result.Decision, result.Explanation, null)
        {
            DecidingStatements = result.DecidingStatements
                .Select(s => new StatementOutput(s.PolicyType.ToString(), s.Policy.Source.Name, s.StatementLabel, s.Statement.Effect.ToString(), s.Level))
                .ToList(),
            LayerLackingAllow = result.LayerLackingAllow is { } layer ? new LayerOutput(layer.PolicyType.ToString(), layer.Level) : null,
            Misses = result.Misses.Select(m => new MissOutput(m.PolicyType.ToString(), m.Policy.Source.Name, m.StatementLabel, m.FailedElement.ToString(), m.Reason)).ToList(),
            MissingContextKeys = result.MissingContextKeys,
        };
}

internal sealed record StatementOutput(string PolicyType, string Policy, string Statement, string Effect, int? Level);

internal sealed record LayerOutput(string PolicyType, int? Level);

internal sealed record MissOutput(string PolicyType, string Policy, string Statement, string Element, string Reason);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<CaseOutput>))]
internal sealed partial class CaseOutputJsonContext : JsonSerializerContext;
