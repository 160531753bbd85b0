using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// What a decision computed from the policies that were read is worth when some could not be read. An unread
/// identity-based policy can allow or deny; an unread permissions boundary, session policy, SCP or RCP can deny or
/// withhold the allow (IAM User Guide, "Policy evaluation logic"). So with any gap, only an explicit deny by a policy
/// that was read is certain ("an explicit deny in any of these policies overrides the allow"); any other decision could
/// be changed by what was not read, and is <see cref="Decision.Unknown"/>. Pure: the report and the checklist apply it
/// to the decisions they state for circumstances other than the failed call's (the MFA variants, the circumstance
/// classes); the verdict has its own rule, because the error speaks for the call that failed.
/// </summary>
internal static class PartialData
{
    /// <summary>Whether the decision computed from the policies that were read stands whatever the unread ones say.</summary>
    public static bool IsCertain(Decision computed, IReadOnlyList<SourceGap> gaps) => gaps.Count == 0 || computed == Decision.ExplicitDeny;

    /// <summary>The decision to state: the computed one when it is certain, else <see cref="Decision.Unknown"/>.</summary>
    public static Decision Qualify(Decision computed, IReadOnlyList<SourceGap> gaps) => IsCertain(computed, gaps) ? computed : Decision.Unknown;

    /// <summary>
    /// The MFA variants as they can be stated: each variant's decision qualified; a variant changes the decision only
    /// when both it and the baseline are known and differ.
    /// </summary>
    public static WhatIfResult Qualify(WhatIfResult variants, IReadOnlyList<SourceGap> gaps)
    {
        if (gaps.Count == 0)
        {
            return variants;
        }

        var baseline = Qualify(variants.Baseline, gaps);
        return new WhatIfResult(baseline, [.. variants.Variants.Select(v =>
        {
            var decision = Qualify(v.Decision, gaps);
            return v with { Decision = decision, ChangesDecision = decision != Decision.Unknown && baseline != Decision.Unknown && decision != baseline };
        })]);
    }

    /// <summary>
    /// The decision per circumstance class as it can be stated: each class's decision qualified. Without circumstances the
    /// one outcome is the call itself, so it is the <paramref name="verdict"/> (which the error may vouch for).
    /// </summary>
    public static ConditionalDecision Qualify(ConditionalDecision conditional, IReadOnlyList<SourceGap> gaps, Decision verdict)
    {
        if (gaps.Count == 0)
        {
            return conditional;
        }

        IReadOnlyList<CircumstanceOutcome> outcomes = conditional.Space.IsEmpty && conditional.Outcomes.Count == 1
            ? [conditional.Outcomes[0] with { Decision = verdict }]
            : [.. conditional.Outcomes.Select(o => o with { Decision = Qualify(o.Decision, gaps) })];
        return new ConditionalDecision(conditional.Space, outcomes);
    }

    /// <summary>A decision for a sentence: <c>ExplicitDeny</c>, or <c>Unknown (ImplicitDeny by the policies that were read)</c>.</summary>
    public static string Describe(Decision stated, Decision computed) =>
        stated == computed ? stated.ToString() : $"{stated} ({computed} by the policies that were read)";

    /// <summary>
    /// Why decisions are unknown: what was not read and what such a policy can do, e.g. "managed policy X attached to
    /// group developers could not be read, and an identity-based policy can allow or deny it"; <see langword="null"/>
    /// when everything was read.
    /// </summary>
    public static string? Reason(IReadOnlyList<SourceGap> gaps)
    {
        if (gaps.Count == 0)
        {
            return null;
        }

        var what = string.Join("; ", gaps.Select(g => g.Subject).Distinct(StringComparer.Ordinal));
        var can = string.Join(", and ", gaps.Select(g => g.PolicyType).Distinct().Select(type => type == PolicyType.IdentityBased
            ? "an identity-based policy can allow or deny it"
            : $"{ErrorAttribution.WithArticle(type)} can deny it or withhold the allow"));
        return $"{what} could not be read, and {can}";
    }
}
