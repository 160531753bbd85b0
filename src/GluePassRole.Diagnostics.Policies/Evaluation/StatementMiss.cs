namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>
/// A statement that mentions the request's action but did not apply, with the element that failed and why — e.g.
/// "Resource arn:aws:iam::*:role/AWSGlueServiceRole* does not match arn:aws:iam::123456789012:role/etl-runtime".
/// </summary>
/// <param name="PolicyType">The kind of policy the statement is in.</param>
/// <param name="Policy">The policy, with its provenance.</param>
/// <param name="StatementIndex">The statement's zero-based position in the policy.</param>
/// <param name="Statement">The statement.</param>
/// <param name="FailedElement">The first element that failed, in evaluation order (principal, resource, condition).</param>
/// <param name="Reason">Why, for people.</param>
public sealed record StatementMiss(
    PolicyType PolicyType,
    SourcedPolicy Policy,
    int StatementIndex,
    PolicyStatement Statement,
    StatementElement FailedElement,
    string Reason)
{
    /// <summary>The organization level (0 = root) for SCPs and RCPs; <see langword="null"/> otherwise.</summary>
    public int? Level { get; init; }

    /// <summary>The resource patterns that were tried (after policy-variable substitution), when the resource failed.</summary>
    public IReadOnlyList<string> ResourcePatterns { get; init; } = [];

    /// <summary>
    /// Every condition of the statement with its outcome: for condition and resource misses (so a resource near miss
    /// can be told apart from a statement that would not apply anyway); empty when the principal failed.
    /// </summary>
    public IReadOnlyList<ConditionEvaluation> Conditions { get; init; } = [];

    /// <summary>The statement's Sid, or <c>#index</c> when it has none.</summary>
    public string StatementLabel => Statement.Label(StatementIndex);

    /// <inheritdoc />
    public override string ToString() => $"{Statement.Effect} statement {StatementLabel} of {Policy.Source}: {Reason}";
}
