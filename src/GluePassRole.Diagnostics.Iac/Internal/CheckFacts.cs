using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Iac.Internal;

/// <summary>
/// What a <see cref="IacCheckFinding"/> is about, as facts a report writes as fields (the check JSON): the request asked
/// and its decision, who, which role, which Glue resource. The finding's message says the same in a sentence.
/// </summary>
/// <param name="Resource">The Glue resource checked, when the finding is about one.</param>
internal sealed record CheckFacts(IacGlueResource? Resource)
{
    /// <summary>
    /// The decision of the request asked: <c>Allowed</c>, <c>ImplicitDeny</c>, <c>ExplicitDeny</c>, <c>Conditional</c>
    /// (allowed under some circumstances only), <c>Unknown</c> (not decided before deploy); <see langword="null"/> when
    /// no request was asked (a role that does not exist, a name not defined).
    /// </summary>
    public string? DecisionName { get; init; }

    /// <summary>The action asked: <c>iam:PassRole</c>, or <c>sts:AssumeRole</c> for Glue's own request to assume the role.</summary>
    public string? Action { get; init; }

    /// <summary>The principal that asks: a user or role ARN, or <c>glue.amazonaws.com</c> for the trust check.</summary>
    public string? Principal { get; init; }

    /// <summary>The group whose members ask, when the finding is about a group.</summary>
    public string? Group { get; init; }

    /// <summary>The role passed or assumed: its ARN, or the name or ARN as the IaC gives it when it could not be read.</summary>
    public string? Role { get; init; }

    /// <summary>The service the role is passed to.</summary>
    public string? Service { get; init; }

    /// <summary>The name of a denial whatever the circumstances: the decision, or, per class, the explicit deny when one class has one.</summary>
    public static string Denial(Decision decision, ConditionalDecision? circumstances) =>
        decision is Decision.ImplicitDeny or Decision.ExplicitDeny ? decision.ToString()
        : circumstances is not null && circumstances.Outcomes.Any(o => o.Decision == Decision.ExplicitDeny) ? nameof(Decision.ExplicitDeny)
        : nameof(Decision.ImplicitDeny);
}

/// <summary>The findings of one check, each with what it is about (<see cref="CheckFacts"/>) when known.</summary>
internal sealed class CheckFindings
{
    private readonly Dictionary<IacCheckFinding, CheckFacts> _facts = new(ReferenceEqualityComparer.Instance);

    public List<IacCheckFinding> All { get; } = [];

    public IReadOnlyDictionary<IacCheckFinding, CheckFacts> Facts => _facts;

    public void Add(IacCheckFinding finding, CheckFacts? facts = null)
    {
        All.Add(finding);
        if (facts is not null)
        {
            _facts[finding] = facts;
        }
    }
}
