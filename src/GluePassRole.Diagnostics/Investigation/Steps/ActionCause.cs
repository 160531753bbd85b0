using GluePassRole.Diagnostics.Policies.Evaluation;
using static GluePassRole.Diagnostics.Fixes.EvaluationReading;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// classify-cause for an error that denies another action than <c>iam:PassRole</c>: the deny statement, or the layer that
/// lacks an allow with the allows that name the action but miss the resource or a condition; Allowed: the error is stale,
/// from elsewhere, or from a policy these data do not show (a resource policy such as the bucket or key policy).
/// </summary>
internal static class ActionCause
{
    public static StepResult Run(InvestigationContext context, EvaluationResult evaluation)
    {
        var findings = new List<Finding>();
        var blockers = new List<Blocker>();
        var request = evaluation.Request;
        var what = $"{request.Action} on {request.Resource}";
        var unreadNamed = ErrorAttribution.UnreadNamedType(context.Get(InvestigationFacts.Error), context.Get(InvestigationFacts.Policies));

        switch (evaluation.Decision)
        {
            case Decision.ExplicitDeny:
                DeniedCause.AddExplicitDenies(evaluation, what, WaysOut, blockers, findings);
                break;

            case Decision.ImplicitDeny:
                var layer = DeniedCause.AddLayerLackingAllow(evaluation, what, what, l => WhatToChange(l, request.Action), blockers, findings);
                findings.AddRange(NearMisses(evaluation, layer));
                break;

            case Decision.Allowed when unreadNamed is not null:
                break; // the deny the error names is the cause: said below, with what the readable policies allow

            case Decision.Allowed:
                var allows = string.Join("; ", evaluation.DecidingStatements.Select(Describe));
                findings.Add(new Finding(
                    FindingCodes.AlreadyAllowed,
                    FindingSeverity.Warning,
                    $"These policies allow {what} ({allows}). The error is stale, or came from another principal or account, or from a policy these data do not show (a resource-based policy such as a bucket or key policy, an SCP, a VPC endpoint policy): check the error's principal and account against these, and retry.")
                {
                    Evidence = [.. evaluation.DecidingStatements.Select(Evidence.Of)],
                });
                break;
        }

        ClassifyCauseStep.AddGuardrailAndNamedDeny(context, evaluation, blockers, findings);
        return StepResult.Completed(context.With<IReadOnlyList<Blocker>>(InvestigationFacts.Blockers, blockers), [.. findings]);
    }

    /// <summary>What a deny statement leaves open: its negated conditions (IAM User Guide, "Policy evaluation logic": no allow overrides it).</summary>
    private static string WaysOut(StatementMatch deny)
    {
        var ways = deny.Statement.Conditions.Where(c => c.Operator.IsNegated)
            .Select(c => $"The deny does not apply when {c.Key} matches {string.Join(", ", c.Values)} ({c.Operator.Name}).")
            .ToList();
        return ways.Count == 0 ? "Change or scope that statement." : string.Join(" ", ways);
    }

    private static string WhatToChange(LayerOutcome layer, string action) => layer.PolicyType switch
    {
        PolicyType.PermissionsBoundary => $" The identity policies allow it, but a boundary caps them: the boundary policy must allow {action} on the resource too.",
        PolicyType.ServiceControlPolicy => $" Every organization level must allow the action: the SCPs at level {layer.Level} need an allow for {action} (ask the organization's administrators).",
        PolicyType.SessionPolicy => $" The session policy passed when the session was created must also allow {action} on the resource.",
        _ => string.Empty,
    };

    /// <summary>Allows in the layer that lacks one that name the action but miss the resource or a condition, grouped by policy.</summary>
    private static IEnumerable<Finding> NearMisses(EvaluationResult evaluation, LayerOutcome layer)
    {
        var request = evaluation.Request;
        foreach (var group in evaluation.Misses
                     .Where(m => m.PolicyType == layer.PolicyType && m.Level == layer.Level && IsNearMiss(m))
                     .GroupBy(m => m.Policy))
        {
            var parts = new List<string>();
            var patterns = group.Where(m => m.FailedElement == StatementElement.Resource).SelectMany(m => m.ResourcePatterns).Distinct(StringComparer.Ordinal).ToList();
            if (patterns.Count > 0)
            {
                parts.Add($"allows {request.Action} only on {string.Join(", ", patterns)}; the error's resource is {request.Resource}");
            }

            foreach (var miss in group.Where(m => m.FailedElement == StatementElement.Condition))
            {
                parts.Add($"statement {miss.StatementLabel} covers {request.Resource} but its condition fails: {miss.Reason}");
            }

            yield return new Finding(
                FindingCodes.NearMissAllow,
                FindingSeverity.Info,
                $"{group.Key.Source.Name}{Attached(group.Key.Source)} {string.Join("; ", parts)}.")
            {
                Evidence = [.. group.Select(m => Evidence.Of(m, m.FailedElement == StatementElement.Resource ? request.Resource : null))],
            };
        }
    }
}
