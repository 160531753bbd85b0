namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>A statement that applied to the request (its action, resource, principal and conditions all matched).</summary>
/// <param name="PolicyType">The kind of policy the statement is in.</param>
/// <param name="Policy">The policy, with its provenance.</param>
/// <param name="StatementIndex">The statement's zero-based position in the policy.</param>
/// <param name="Statement">The statement.</param>
public sealed record StatementMatch(PolicyType PolicyType, SourcedPolicy Policy, int StatementIndex, PolicyStatement Statement)
{
    /// <summary>The organization level (0 = root) for SCPs and RCPs; <see langword="null"/> otherwise.</summary>
    public int? Level { get; init; }

    /// <summary>The statement's Sid, or <c>#index</c> when it has none.</summary>
    public string StatementLabel => Statement.Label(StatementIndex);

    /// <inheritdoc />
    public override string ToString() => $"{Statement.Effect} statement {StatementLabel} of {Policy.Source}";
}
