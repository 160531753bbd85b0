using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// What evaluate-passrole shares between <c>iam:PassRole</c> and any other denied action: the request, as the request
/// builder built it, evaluated on the one compilation of the investigation under the MFA variants and the circumstances,
/// reconciled with the error, written as the same facts and reported as the same check. Only the title, the wording of the
/// request and findings about the request itself differ.
/// </summary>
internal static class RequestEvaluation
{
    /// <summary>The skip when the principal's policies are not known.</summary>
    public static StepResult PoliciesNotKnown(InvestigationContext context, string title) =>
        StepResult.Skipped(context, "the principal's policies are not known") with
        {
            Check = new InvestigationCheck(title, CheckOutcome.Skipped, "Not evaluated: the principal's policies are not known."),
        };

    /// <summary>
    /// Evaluates <paramref name="built"/> and writes the evaluation facts. The check's text is the decision,
    /// <paramref name="asked"/>, then the context the decision was taken under; <paramref name="aboutRequest"/> are findings
    /// on the request itself, listed after those the error's reason gives and before the one on how the call was made.
    /// </summary>
    public static StepResult Evaluate(
        InvestigationContext context, EffectivePolicies policies, BuiltRequest built, string title, string asked, IEnumerable<Finding> aboutRequest)
    {
        // The one compilation of the investigation: the fix is later evaluated as a what-if on this set.
        var compiled = PolicyEvaluator.Compile(policies.Policies);
        var baseline = built.Request;
        var conditional = built.Decide(compiled);
        var variants = compiled.WhatIf(baseline, ContextVariants.MultiFactorAuth(baseline.Context));

        var findings = new List<Finding>();
        var error = context.Get(InvestigationFacts.Error);
        var unreadNamed = ErrorAttribution.UnreadNamedType(error, policies);
        var chosen = EvaluatePassRoleStep.Infer(error, unreadNamed, compiled, baseline, conditional, findings);
        findings.AddRange(aboutRequest);

        // What unread policies could change is not stated as a fact (only a deny that was read is certain).
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
        return StepResult.Completed(updated, [.. findings]) with
        {
            Check = new InvestigationCheck(
                title,
                unreadNamed is null && !certain ? CheckOutcome.Unknown
                    : evaluation.Decision == Decision.Allowed && unreadNamed is null ? CheckOutcome.Passed : CheckOutcome.Failed,
                $"{evaluation.Decision}{asked}{EvaluatePassRoleStep.Describe(chosen, conditional)}"
                + (unreadNamed is { } unread ? $" by the policies that were read; the error's {ErrorAttribution.Noun(unread)}, which could not be read, {(error!.DenialKind == AccessDenied.DenialKind.ExplicitDeny ? "denies it" : "does not allow it")}, AWS says."
                    : certain ? "." : $" by the policies that were read; {PartialData.Reason(gaps)}."))
            {
                Details = [.. variants.Variants.Select(v => $"{v.Variant.Name}: {PartialData.Describe(PartialData.Qualify(v.Decision, gaps), v.Decision)}")],
            },
        };
    }
}
