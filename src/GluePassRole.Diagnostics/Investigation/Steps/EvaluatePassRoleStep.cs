using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: evaluates <c>iam:PassRole</c> on the role with <c>iam:PassedToService</c>, under the three MFA variants, and
/// reconciles with the error's stated reason. An implicit-deny error means an MFA guardrail did not fire, so the request
/// carried MFA; an explicit-deny error with a guardrail that only fires without MFA means it did not (field note:
/// "Simulate the exact denied action").
/// </summary>
internal sealed class EvaluatePassRoleStep : IInvestigationStep
{
    private const string PassedToService = "iam:PassedToService";

    public string Name => InvestigationSteps.EvaluatePassRole;

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Policies is not { } policies || policies.PrincipalStatus != SourceResultStatus.Found)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the principal's policies are not known"));
        }

        if (context.Principal is null || context.RoleArn is null)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the role's ARN is not known"));
        }

        var baseContext = context.Request.Context.ContainsKey(PassedToService)
            ? context.Request.Context
            : context.Request.Context.With(PassedToService, context.Service);
        var compiled = PolicyEvaluator.Compile(policies.Policies);
        var baseline = (context with { EvaluationContext = baseContext }).PassRoleRequest()!;
        var variants = compiled.WhatIf(baseline, ContextVariants.MultiFactorAuth(baseContext));

        var findings = new List<Finding>();
        var chosen = baseContext;
        if (!baseContext.ContainsKey(ContextVariants.MultiFactorAuthPresentKey) && context.Error is { } error && variants.Variants.Any(v => v.ChangesDecision))
        {
            chosen = Infer(error, variants, baseContext, findings);
        }

        var evaluation = compiled.Evaluate(baseline with { Context = chosen });
        return ValueTask.FromResult(StepResult.Completed(
            context with { EvaluationContext = chosen, Evaluation = evaluation, MfaVariants = variants },
            [.. findings]));
    }

    private static RequestContext Infer(AccessDeniedMessage error, WhatIfResult variants, RequestContext baseContext, List<Finding> findings)
    {
        var wanted = error.DenialKind switch
        {
            DenialKind.ImplicitDeny => Decision.ImplicitDeny,
            DenialKind.ExplicitDeny => Decision.ExplicitDeny,
            _ => (Decision?)null,
        };
        if (wanted is null)
        {
            return baseContext;
        }

        var match = variants.Variants.FirstOrDefault(v => v.Decision == wanted);
        if (match is null)
        {
            findings.Add(new Finding(
                FindingCodes.ErrorReasonMismatch,
                FindingSeverity.Warning,
                $"The error reports {(wanted == Decision.ImplicitDeny ? "an implicit deny" : "an explicit deny")}, but no MFA variant of the request evaluates to that ({string.Join(", ", variants.Variants.Select(v => $"{v.Variant.Name}: {v.Decision}"))}). The policies may have changed since the error, or it came from another principal, role or account."));
            return baseContext;
        }

        var why = wanted == Decision.ImplicitDeny
            ? "The error says no policy allows the action (an implicit deny), so the MFA guardrail did not fire: the request carried MFA."
            : "The error reports an explicit deny that only applies without MFA: the request did not carry MFA.";
        findings.Add(new Finding(
            FindingCodes.InferredContext,
            FindingSeverity.Info,
            $"{why} Evaluated with {Describe(match.Variant)}.")
        {
            Evidence = [.. variants.Variants.Select(v => $"{v.Variant.Name}: {v.Decision}")],
        });
        return match.Variant.Context;
    }

    private static string Describe(ContextVariant variant) =>
        variant.Context.TryGetValue(ContextVariants.MultiFactorAuthPresentKey, out var values)
            ? $"{ContextVariants.MultiFactorAuthPresentKey}={string.Join(",", values)}"
            : $"{ContextVariants.MultiFactorAuthPresentKey} absent";
}
