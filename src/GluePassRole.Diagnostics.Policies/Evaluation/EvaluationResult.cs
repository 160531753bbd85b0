using System.Text;

namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>The decision for one request, and why.</summary>
/// <remarks>Record equality compares the lists by reference; compare their contents in tests.</remarks>
public sealed record EvaluationResult
{
    /// <summary>The request that was evaluated.</summary>
    public required AuthorizationRequest Request { get; init; }

    /// <summary>The decision.</summary>
    public required Decision Decision { get; init; }

    /// <summary>
    /// The statements that decided: the Deny statements that applied for <see cref="Decision.ExplicitDeny"/>, the allows
    /// that applied for <see cref="Decision.Allowed"/>, empty for <see cref="Decision.ImplicitDeny"/>.
    /// </summary>
    public IReadOnlyList<StatementMatch> DecidingStatements { get; init; } = [];

    /// <summary>
    /// The documented rule that decided instead of the statements, e.g. that <c>sts:GetCallerIdentity</c> needs no
    /// permission; <see langword="null"/> when the statements and layers decided.
    /// </summary>
    public string? DecidingRule { get; init; }

    /// <summary>Every statement that applied, allow or deny, in every layer.</summary>
    public IReadOnlyList<StatementMatch> MatchedStatements { get; init; } = [];

    /// <summary>Every statement that mentions the action but did not apply, with the element that failed and why.</summary>
    public IReadOnlyList<StatementMiss> Misses { get; init; } = [];

    /// <summary>Each layer's contribution, in AWS's evaluation order.</summary>
    public IReadOnlyList<LayerOutcome> Layers { get; init; } = [];

    /// <summary>For <see cref="Decision.ImplicitDeny"/>: the first layer in evaluation order that lacked an allow.</summary>
    public LayerOutcome? LayerLackingAllow { get; init; }

    /// <summary>Condition keys that statements mentioning the action reference but the request did not supply.</summary>
    public IReadOnlyList<string> MissingContextKeys { get; init; } = [];

    /// <summary>A few sentences that explain the decision.</summary>
    public string Explanation
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Decision switch
            {
                Decision.Allowed => "Allowed",
                Decision.ExplicitDeny => "Explicitly denied",
                Decision.ImplicitDeny => "Implicitly denied",
                _ => "Unknown",
            }).Append(": ").Append(Request.Action).Append(" on ").Append(Request.Resource).Append(" by ").Append(Request.Principal).Append('.');

            if (DecidingRule is not null)
            {
                text.Append(' ').Append(DecidingRule);
            }

            foreach (var statement in DecidingStatements)
            {
                text.Append(' ').Append(statement).Append(" applies.");
            }

            if (LayerLackingAllow is { } lacking)
            {
                if (lacking.Reason is not null)
                {
                    text.Append(' ').Append(lacking.Reason);
                }
                else
                {
                    text.Append(" No statement in the ").Append(lacking.Name).Append(" allows it.");
                }
            }

            if (MissingContextKeys.Count > 0)
            {
                text.Append(" The request did not supply ").Append(string.Join(", ", MissingContextKeys)).Append('.');
            }

            return text.ToString();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Explanation;
}
