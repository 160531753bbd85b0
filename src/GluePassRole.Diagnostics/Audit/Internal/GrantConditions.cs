using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit.Internal;

/// <summary>The circumstances under which a conditional decision allows, as a grant lists them.</summary>
internal static class GrantConditions
{
    /// <summary>
    /// The classes under which <paramref name="decision"/> allows, as grant conditions: see <see cref="Alternatives"/>.
    /// Empty when the decision allows whatever the circumstances, or never.
    /// </summary>
    public static IReadOnlyList<GrantCondition> Of(ConditionalDecision decision, GrantConditionScope scope)
    {
        var alternatives = Alternatives(decision);
        return alternatives.Count == 1 && alternatives[0].Count == 0 ? [] : Conditions(alternatives.Select(a => a.Select(Condition)), scope);
    }

    /// <summary>
    /// The alternatives of classes under which <paramref name="decision"/> allows: for each allowing combination, the
    /// classes that matter to it (changing that class alone changes the decision, as <see cref="ConditionalDecision.Relevant"/>
    /// reads them; all of its classes when none alone matters), without repeats and without an alternative that contains
    /// another. None when it never allows; one empty alternative when it allows whatever the circumstances.
    /// </summary>
    public static List<List<CircumstanceClass>> Alternatives(ConditionalDecision decision)
    {
        var outcomes = decision.Outcomes;
        var allowed = outcomes.Where(o => o.Decision == Decision.Allowed).ToList();
        if (allowed.Count == 0 || allowed.Count == outcomes.Count)
        {
            return allowed.Count == 0 ? [] : [[]];
        }

        var alternatives = new List<List<CircumstanceClass>>();
        foreach (var outcome in allowed)
        {
            var relevant = new List<CircumstanceClass>();
            for (var k = 0; k < outcome.Assignment.Count; k++)
            {
                var position = k;
                if (outcomes.Any(other => other.Decision != Decision.Allowed && DiffersOnlyAt(other.Assignment, outcome.Assignment, position)))
                {
                    relevant.Add(outcome.Assignment[k]);
                }
            }

            alternatives.Add(relevant.Count == 0 ? [.. outcome.Assignment] : relevant);
        }

        // Keep the minimal alternatives: "A" makes "A and B" redundant; the same set twice counts once.
        var minimal = new List<List<CircumstanceClass>>();
        foreach (var alternative in alternatives.OrderBy(a => a.Count))
        {
            if (!minimal.Exists(m => m.All(alternative.Contains)))
            {
                minimal.Add(alternative);
            }
        }

        minimal.Sort((a, b) => alternatives.IndexOf(a).CompareTo(alternatives.IndexOf(b)));
        return minimal;
    }

    /// <summary>A class as a condition (scope and alternative left to <see cref="Conditions"/>).</summary>
    public static GrantCondition Condition(CircumstanceClass circumstance) => new(circumstance.Key, circumstance.Description);

    /// <summary>The alternatives numbered from 0, each condition given <paramref name="scope"/>.</summary>
    public static IReadOnlyList<GrantCondition> Conditions(IEnumerable<IEnumerable<GrantCondition>> alternatives, GrantConditionScope scope) =>
        [.. alternatives.SelectMany((conditions, index) => conditions.Select(c => c with { Scope = scope, Alternative = index }))];

    /// <summary>
    /// Whether every combination that allows has <c>aws:MultiFactorAuthPresent</c> true, and some combination does not
    /// allow, over one or more decisions of the same request (e.g. with and without the role's tags).
    /// </summary>
    public static bool RequiresMfa(params ConditionalDecision[] decisions)
    {
        var outcomes = decisions.SelectMany(d => d.Outcomes).ToList();
        var allowed = outcomes.Where(o => o.Decision == Decision.Allowed).ToList();
        return allowed.Count > 0 && allowed.Count < outcomes.Count && allowed.All(o => o.Assignment.Any(c =>
            string.Equals(c.Key, ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase)
            && string.Equals(c.Value, "true", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The conditions in words: alternatives joined by "or", the classes of one by "and".</summary>
    public static string Text(IEnumerable<GrantCondition> conditions) => string.Join(" or ", conditions
        .GroupBy(c => c.Alternative)
        .Select(g => string.Join(" and ", g.Select(c => c.Description))));

    /// <summary>
    /// A grant's circumstances in words: the caller's request's, then Glue's request's (the trust policy's condition,
    /// which AWS does not document that Glue meets); empty when it has none.
    /// </summary>
    public static string Text(PassRoleGrant grant) => Circumstances(grant.Conditions);

    /// <summary>The circumstances of a grant or grant group in words: see <see cref="Text(PassRoleGrant)"/>.</summary>
    public static string Circumstances(IReadOnlyList<GrantCondition> conditions)
    {
        var pass = conditions.Where(c => c.Scope == GrantConditionScope.PassRole).ToList();
        var trust = conditions.Where(c => c.Scope == GrantConditionScope.GlueAssumeRole).ToList();
        var parts = new List<string>();
        if (pass.Count > 0)
        {
            parts.Add(Text(pass));
        }

        if (trust.Count > 0)
        {
            parts.Add($"Glue's request to assume the role has {Text(trust)} (the trust policy's condition: AWS does not document that Glue sends it, and if Glue does not, the job fails to assume the role)");
        }

        return string.Join("; and ", parts);
    }

    /// <summary>Whether the grant's only circumstance is MFA on the caller's request.</summary>
    public static bool OnlyMfa(PassRoleGrant grant) => OnlyMfa(grant.RequiresMfa, grant.Conditions);

    /// <summary>Whether the only circumstance of a grant or grant group is MFA on the caller's request.</summary>
    public static bool OnlyMfa(bool requiresMfa, IReadOnlyList<GrantCondition> conditions) => requiresMfa && conditions.All(c =>
        c.Scope == GrantConditionScope.PassRole && c.Key.Equals(ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase));

    private static bool DiffersOnlyAt(IReadOnlyList<CircumstanceClass> a, IReadOnlyList<CircumstanceClass> b, int position)
    {
        for (var i = 0; i < a.Count; i++)
        {
            if (i != position && !ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
