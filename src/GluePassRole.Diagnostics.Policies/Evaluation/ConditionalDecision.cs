using System.Text;

namespace GluePassRole.Diagnostics.Policies.Evaluation;

/// <summary>The decision of a request under one combination of circumstance classes.</summary>
/// <param name="Assignment">One class per circumstance key (none when the request has no circumstance).</param>
/// <param name="Decision">The decision with the classes' values in the context.</param>
/// <param name="Context">The concrete context decided.</param>
public sealed record CircumstanceOutcome(IReadOnlyList<CircumstanceClass> Assignment, Decision Decision, RequestContext Context)
{
    /// <summary>The combination in words, e.g. <c>aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0</c>; empty without circumstances.</summary>
    public string Description => string.Join(" and ", Assignment.Select(c => c.Description));
}

/// <summary>
/// A request's decision for each class of its circumstances' values (<see cref="CircumstanceSpace"/>): one decision when
/// they all agree, otherwise a verdict that holds under conditions, e.g. "Allowed when aws:SourceIp is in 10.0.0.0/8;
/// ImplicitDeny otherwise".
/// </summary>
public sealed class ConditionalDecision
{
    internal ConditionalDecision(CircumstanceSpace space, IReadOnlyList<CircumstanceOutcome> outcomes)
    {
        Space = space;
        Outcomes = outcomes;
    }

    /// <summary>The circumstances and their classes.</summary>
    public CircumstanceSpace Space { get; }

    /// <summary>Each decided combination's decision, in the order of <see cref="CircumstanceSpace.Assignments"/>.</summary>
    public IReadOnlyList<CircumstanceOutcome> Outcomes { get; }

    /// <summary>Whether every combination was decided (none lies past the bound).</summary>
    public bool IsComplete => Space.IsComplete;

    /// <summary>
    /// The decision when it does not depend on the circumstances (every combination decided and all agree);
    /// <see langword="null"/> when it does, or when combinations past the bound were not decided.
    /// </summary>
    public Decision? Uniform => IsComplete && Outcomes.All(o => o.Decision == Outcomes[0].Decision) ? Outcomes[0].Decision : null;

    /// <summary>Whether the decision depends on the circumstances (or could, past the bound).</summary>
    public bool IsConditional => Uniform is null;

    /// <summary>The decisions that some combination reaches.</summary>
    public IReadOnlyList<Decision> Decisions => [.. Outcomes.Select(o => o.Decision).Distinct()];

    /// <summary>
    /// The decision for a concrete context: the outcome of the classes its circumstance values belong to. Keys the
    /// context lacks are in their absent class. <see cref="Decision.Unknown"/> when a value's class was not decided
    /// (past the bound, or a class no candidate reached).
    /// </summary>
    /// <param name="concrete">A context that carries the circumstance values of one real request.</param>
    /// <returns>The decision.</returns>
    public Decision DecisionAt(RequestContext concrete)
    {
        ArgumentNullException.ThrowIfNull(concrete);
        if (Space.IsEmpty)
        {
            return Outcomes[0].Decision;
        }

        var classes = Space.ClassesOf(concrete);
        if (classes is null)
        {
            return Decision.Unknown;
        }

        var all = Space.Classes;
        foreach (var outcome in Outcomes)
        {
            var match = true;
            for (var i = 0; i < classes.Length && match; i++)
            {
                match = ReferenceEquals(outcome.Assignment[i], all[i][classes[i]]);
            }

            if (match)
            {
                return outcome.Decision;
            }
        }

        return Decision.Unknown;
    }

    /// <summary>
    /// The verdict in words: the single decision, or each decision with the circumstances under which it holds, the
    /// most common one last as "otherwise"; combinations past the bound are named as not decided.
    /// </summary>
    /// <returns>E.g. <c>Allowed when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0; ImplicitDeny otherwise</c>.</returns>
    public string Describe()
    {
        if (Uniform is { } uniform)
        {
            return Space.IsEmpty ? uniform.ToString() : $"{uniform} whatever the circumstances ({string.Join(", ", Space.Keys)})";
        }

        var groups = Outcomes.GroupBy(o => o.Decision).OrderBy(g => g.Count()).ThenBy(g => g.Key).ToList();
        var text = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0)
            {
                text.Append("; ");
            }

            if (i == groups.Count - 1 && groups.Count > 1)
            {
                text.Append(groups[i].Key).Append(" otherwise");
                break;
            }

            text.Append(groups[i].Key).Append(" when ").Append(string.Join(" or ", groups[i].Select(Relevant).Distinct(StringComparer.Ordinal)));
        }

        if (!IsComplete)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"; not decided for the {Space.Combinations - Outcomes.Count} other combinations past the bound of {Space.Bound}");
        }

        return text.ToString();
    }

    /// <summary>The outcome's classes of the keys that matter to it: changing that key's class alone changes the decision.</summary>
    /// <param name="outcome">One of <see cref="Outcomes"/>.</param>
    /// <returns>The description of those classes (all of them when none alone matters).</returns>
    public string Relevant(CircumstanceOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var relevant = new List<CircumstanceClass>();
        for (var k = 0; k < outcome.Assignment.Count; k++)
        {
            var position = k;
            var matters = Outcomes.Any(other => other.Decision != outcome.Decision
                && Enumerable.Range(0, outcome.Assignment.Count).All(j => j == position || ReferenceEquals(other.Assignment[j], outcome.Assignment[j])));
            if (matters)
            {
                relevant.Add(outcome.Assignment[k]);
            }
        }

        return string.Join(" and ", (relevant.Count == 0 ? outcome.Assignment : relevant).Select(c => c.Description));
    }
}
