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

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Policies, InvestigationFacts.Principal, InvestigationFacts.Role, InvestigationFacts.RoleReference, InvestigationFacts.Error];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } =
        [InvestigationFacts.CompiledPolicies, InvestigationFacts.EvaluationContext, InvestigationFacts.Evaluation, InvestigationFacts.MfaVariants];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        const string Title = "iam:PassRole evaluation";
        if (context.Get(InvestigationFacts.Policies) is not { } policies || policies.PrincipalStatus != SourceResultStatus.Found)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the principal's policies are not known") with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Skipped, "Not evaluated: the principal's policies are not known."),
            });
        }

        if (context.RoleArn is null)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the role's ARN is not known") with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Skipped, "Not evaluated: the role's ARN is not known."),
            });
        }

        // A decoded authorization message carries the real request's context: explicit request values still win.
        var baseContext = context.Request.Context;
        foreach (var (key, values) in context.Get(InvestigationFacts.Error)?.Decoded?.Context ?? RequestContext.Empty)
        {
            if (!baseContext.ContainsKey(key))
            {
                baseContext = baseContext.With(key, [.. values]);
            }
        }

        baseContext = WithDefault(baseContext, PassedToService, context.Service);

        // Global keys AWS sets on every request from this principal (IAM User Guide, "AWS global condition context keys"):
        // the evaluator derives nothing, so the investigation supplies what the real request carried.
        baseContext = WithDefault(baseContext, "aws:PrincipalArn", policies.Principal.IamArn ?? policies.Principal.Arn);
        baseContext = WithDefault(baseContext, "aws:PrincipalAccount", policies.Principal.AccountId);
        if (policies.Principal.Kind == PrincipalKind.IamUser)
        {
            baseContext = WithDefault(baseContext, "aws:username", policies.Principal.Name);
        }

        // The one compilation of the investigation: the fix is later evaluated as a what-if on this set.
        var compiled = PolicyEvaluator.Compile(policies.Policies);
        var baseline = context.PassRoleRequest(baseContext)!;
        var variants = compiled.WhatIf(baseline, ContextVariants.MultiFactorAuth(baseContext));

        var findings = new List<Finding>();
        var chosen = baseContext;
        var error = context.Get(InvestigationFacts.Error);
        var unreadNamed = ErrorAttribution.UnreadNamedType(error, policies);
        if (!baseContext.ContainsKey(ContextVariants.MultiFactorAuthPresentKey) && error is not null)
        {
            chosen = Infer(error, unreadNamed, compiled, baseline, variants, findings);
        }

        var evaluation = compiled.Evaluate(baseline with { Context = chosen });
        var updated = context
            .With(InvestigationFacts.CompiledPolicies, compiled)
            .With(InvestigationFacts.EvaluationContext, chosen)
            .With(InvestigationFacts.Evaluation, evaluation)
            .With(InvestigationFacts.MfaVariants, variants);
        return ValueTask.FromResult(StepResult.Completed(updated, [.. findings]) with
        {
            Check = new InvestigationCheck(
                Title,
                evaluation.Decision == Decision.Allowed && unreadNamed is null ? CheckOutcome.Passed : CheckOutcome.Failed,
                $"{evaluation.Decision} with {PassedToService}={context.Service} and {Describe(chosen)}"
                + (unreadNamed is { } unread ? $" by the policies that were read; the error's {ErrorAttribution.Noun(unread)}, which could not be read, {(error!.DenialKind == DenialKind.ExplicitDeny ? "denies it" : "does not allow it")}, AWS says." : "."))
            {
                Details = [.. variants.Variants.Select(v => $"{v.Variant.Name}: {v.Decision}")],
            },
        });
    }

    /// <summary>
    /// Picks the MFA variant the failed request most likely had. An implicit deny means no guardrail fired, so MFA was
    /// present (or no guardrail applies). An explicit deny is matched against the policy type the error names, preferring
    /// the variant with MFA when several fit, so the verdict does not blame the MFA guardrail for an SCP's deny. When the
    /// policy type the error names was not read, the readable policies cannot contradict it: they are evaluated with MFA.
    /// </summary>
    private static RequestContext Infer(AccessDeniedMessage error, PolicyType? unreadNamed, CompiledPolicySet compiled, AuthorizationRequest baseline, WhatIfResult variants, List<Finding> findings)
    {
        var withMfa = variants.Variants[0];
        if (unreadNamed is { } unread)
        {
            findings.Add(Inferred(
                $"The error reports {ErrorAttribution.Reason(error)}, and not every {ErrorAttribution.Noun(unread)} that applies could be read, so that layer is taken from the error; the readable policies are evaluated as the request most likely was, with MFA, so no guardrail the error does not name is blamed.",
                withMfa,
                variants));
            return withMfa.Variant.Context;
        }

        switch (error.DenialKind)
        {
            case DenialKind.ImplicitDeny:
                if (withMfa.Decision != Decision.ImplicitDeny)
                {
                    findings.Add(Mismatch(ErrorAttribution.Reason(error), variants));
                }

                findings.Add(Inferred(
                    "The error says no policy allows the action (an implicit deny), so no MFA guardrail fired: the request carried MFA.",
                    withMfa,
                    variants));
                return withMfa.Variant.Context;

            case DenialKind.ExplicitDeny:
                var named = error.PolicyType is { } type ? PolicyTypeOf(type) : null;
                var candidates = variants.Variants.Where(v => v.Decision == Decision.ExplicitDeny).ToList();
                var match = candidates.FirstOrDefault(v => named is null
                    || compiled.Evaluate(baseline with { Context = v.Variant.Context }).DecidingStatements.Any(d => d.PolicyType == named));
                if (match is null)
                {
                    findings.Add(Mismatch(ErrorAttribution.Reason(error), variants));
                    return baseline.Context;
                }

                findings.Add(Inferred(
                    match == withMfa
                        ? "The error reports an explicit deny that applies whether or not the request carried MFA."
                        : "The error reports an explicit deny that only applies without MFA: the request did not carry MFA.",
                    match,
                    variants));
                return match.Variant.Context;

            default:
                return baseline.Context;
        }
    }

    private static RequestContext WithDefault(RequestContext context, string key, string value) =>
        context.ContainsKey(key) ? context : context.With(key, value);

    // The policy types a principal's evaluated set can hold; a VPC endpoint or trust policy named in the error is not in it.
    private static PolicyType? PolicyTypeOf(PolicyType type) =>
        type is PolicyType.VpcEndpointPolicy or PolicyType.RoleTrustPolicy ? null : type;

    private static Finding Inferred(string why, VariantDecision chosen, WhatIfResult variants) => new(
        FindingCodes.InferredContext,
        FindingSeverity.Info,
        $"{why} Evaluated with {Describe(chosen.Variant)}.")
    {
        Evidence = [.. variants.Variants.Select(v => new Evidence
        {
            ContextKey = ContextVariants.MultiFactorAuthPresentKey,
            Actual = v.Variant.Context.TryGetValue(ContextVariants.MultiFactorAuthPresentKey, out var values) ? [.. values] : [],
            Note = $"{v.Variant.Name}: {v.Decision}",
        })],
    };

    private static Finding Mismatch(string reported, WhatIfResult variants) => new(
        FindingCodes.ErrorReasonMismatch,
        FindingSeverity.Warning,
        $"The error's reason is \"{reported}\", but no MFA variant of the request evaluates to that ({string.Join(", ", variants.Variants.Select(v => $"{v.Variant.Name}: {v.Decision}"))}). The policies may have changed since the error, or it came from another principal, role or account.")
    {
        Evidence = [new Evidence { Expected = [reported], Actual = [.. variants.Variants.Select(v => $"{v.Variant.Name}: {v.Decision}")] }],
    };

    private static string Describe(ContextVariant variant) => Describe(variant.Context);

    private static string Describe(RequestContext context) =>
        context.TryGetValue(ContextVariants.MultiFactorAuthPresentKey, out var values)
            ? $"{ContextVariants.MultiFactorAuthPresentKey}={string.Join(",", values)}"
            : $"{ContextVariants.MultiFactorAuthPresentKey} absent";
}
