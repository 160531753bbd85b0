using GluePassRole.Diagnostics.Policies.Evaluation;
using static GluePassRole.Diagnostics.Fixes.EvaluationReading;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// What classify-cause shares between <c>iam:PassRole</c> and any other denied action: the blocker and finding for each
/// deny statement that decides, and for the layer that lacks an allow. Only the wording of what is denied and of what
/// to change differs.
/// </summary>
internal static class DeniedCause
{
    /// <summary>
    /// A blocker and a finding for each deciding deny: an MFA guardrail as such, any other deny with the statement and
    /// <paramref name="waysOut"/> (what the statement leaves open). <paramref name="what"/> names the denied request.
    /// </summary>
    public static void AddExplicitDenies(EvaluationResult evaluation, string what, Func<StatementMatch, string> waysOut, List<Blocker> blockers, List<Finding> findings)
    {
        foreach (var deny in evaluation.DecidingStatements)
        {
            blockers.Add(new Blocker(deny.PolicyType, BlockerKind.ExplicitDeny, deny.Policy.Source.Name, deny.StatementLabel)
            {
                Level = deny.Level,
                AttachedTo = deny.Policy.Source.AttachedTo,
                Detail = deny.Statement.Conditions.Count == 0 ? "unconditional deny" : "conditions: " + string.Join(" and ", deny.Statement.Conditions),
            });
            findings.Add(IsMfaGuardrail(deny.Statement)
                ? ClassifyCauseStep.MfaGuardrail(deny, explicitNow: true)
                : new Finding(
                    FindingCodes.ExplicitDenyStatement,
                    FindingSeverity.Error,
                    $"{Describe(deny)} denies {what}{(deny.Statement.Conditions.Count == 0 ? "." : " when " + string.Join(" and ", deny.Statement.Conditions) + ".")} The statement: {deny.Statement}. An explicit deny overrides every allow, so no allow in this account helps. {waysOut(deny)}")
                {
                    Evidence = [Evidence.Of(deny) with { Actual = [evaluation.Request.Resource], Note = deny.Statement.ToString() }],
                });
        }
    }

    /// <summary>
    /// The blocker and finding for the layer that lacks an allow: the blocker's detail says no statement in it allows
    /// <paramref name="blocked"/>; the finding that none allows <paramref name="notAllowed"/>, then <paramref name="whatToChange"/>.
    /// </summary>
    public static LayerOutcome AddLayerLackingAllow(
        EvaluationResult evaluation, string blocked, string notAllowed, Func<LayerOutcome, string> whatToChange, List<Blocker> blockers, List<Finding> findings)
    {
        var layer = evaluation.LayerLackingAllow!;
        var layerPolicies = ClassifyCauseStep.LayerPolicies(evaluation, layer);
        blockers.Add(new Blocker(layer.PolicyType, BlockerKind.NoAllow, layerPolicies ?? layer.Name, null) { Level = layer.Level, Detail = $"no statement in the {layer.Name} allows {blocked}" });
        findings.Add(new Finding(
            FindingCodes.LayerLacksAllow,
            FindingSeverity.Error,
            $"No statement in the {layer.Name}{(layerPolicies is null ? string.Empty : $" ({layerPolicies})")} allows {notAllowed}.{whatToChange(layer)}")
        {
            Evidence = [new Evidence { PolicyType = layer.PolicyType, Actual = [evaluation.Request.Resource], Note = layer.Level is int level ? $"{layer.Name}, level {level}" : layer.Name }],
        });
        return layer;
    }
}
