using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// evaluate-passrole for an error that denies another action: that action on that resource, for the error's principal (a
/// role session as its role's session: the role's identity policies, boundary, SCPs and session keys), as the request
/// builder builds it, under the MFA variants and the circumstances, reconciled with the error's stated reason as for
/// <c>iam:PassRole</c>. Writes the same facts, so the cause, the fix and its verification follow from them.
/// </summary>
internal static class ActionEvaluation
{
    public static StepResult Run(InvestigationContext context, InvestigatedAction investigated)
    {
        var title = $"{investigated.Action} evaluation";
        if (context.Get(InvestigationFacts.Policies) is not { } policies || policies.PrincipalStatus != SourceResultStatus.Found)
        {
            return StepResult.Skipped(context, "the principal's policies are not known") with
            {
                Check = new InvestigationCheck(title, CheckOutcome.Skipped, "Not evaluated: the principal's policies are not known."),
            };
        }

        if (investigated.Resource is not { } resource)
        {
            // A statement scoped to resources cannot be matched without the resource: no decision is better than a guessed one.
            return StepResult.Incomplete(context, new Finding(
                FindingCodes.UnreadableData,
                FindingSeverity.Warning,
                $"The error names no resource for {investigated.Action} (some services leave it out, or say 'on this resource'), so the request cannot be evaluated as AWS did: a statement scoped to resources matches only the resource it names. The decision is unknown.")
            {
                Evidence = [new Evidence { Actual = [investigated.Action], Note = "the error's action, with no resource" }],
            }) with
            {
                Check = new InvestigationCheck(title, CheckOutcome.Unknown, $"Not evaluated: the error names no resource for {investigated.Action}."),
            };
        }

        var caller = RequestCaller.From(policies);
        var built = context.Requests().Call(caller, investigated.Action, resource);
        var compiled = PolicyEvaluator.Compile(policies.Policies);
        var baseline = built.Request;
        var conditional = built.Decide(compiled);
        var variants = compiled.WhatIf(baseline, ContextVariants.MultiFactorAuth(baseline.Context));

        var findings = new List<Finding>();
        var error = context.Get(InvestigationFacts.Error);
        var unreadNamed = ErrorAttribution.UnreadNamedType(error, policies);
        var chosen = EvaluatePassRoleStep.Infer(error, unreadNamed, compiled, baseline, conditional, findings);
        var gaps = policies.Gaps;
        if (EvaluatePassRoleStep.ConditionalFinding(conditional, gaps, error) is { } dependsOnCall)
        {
            findings.Add(dependsOnCall);
        }

        var evaluation = compiled.Evaluate(baseline with { Context = chosen });
        var updated = context
            .With(InvestigationFacts.CompiledPolicies, compiled)
            .With(InvestigationFacts.PassRoleRequest, built)
            .With(InvestigationFacts.Circumstances, conditional)
            .With(InvestigationFacts.EvaluationContext, chosen)
            .With(InvestigationFacts.Evaluation, evaluation)
            .With(InvestigationFacts.MfaVariants, variants);
        var certain = PartialData.IsCertain(evaluation.Decision, gaps);
        var who = policies.Principal.Kind == PrincipalKind.AssumedRole && policies.Principal.IamArn is { } roleArn ? $" as a session of {roleArn}" : string.Empty;
        return StepResult.Completed(updated, [.. findings]) with
        {
            Check = new InvestigationCheck(
                title,
                unreadNamed is null && !certain ? CheckOutcome.Unknown
                    : evaluation.Decision == Decision.Allowed && unreadNamed is null ? CheckOutcome.Passed : CheckOutcome.Failed,
                $"{evaluation.Decision} on {resource}{who} with {EvaluatePassRoleStep.Describe(chosen, conditional)}"
                + (unreadNamed is { } unread ? $" by the policies that were read; the error's {ErrorAttribution.Noun(unread)}, which could not be read, {(error!.DenialKind == DenialKind.ExplicitDeny ? "denies it" : "does not allow it")}, AWS says."
                    : certain ? "." : $" by the policies that were read; {PartialData.Reason(gaps)}."))
            {
                Details = [.. variants.Variants.Select(v => $"{v.Variant.Name}: {PartialData.Describe(PartialData.Qualify(v.Decision, gaps), v.Decision)}")],
            },
        };
    }
}
