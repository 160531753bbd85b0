using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
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
        [InvestigationFacts.Policies, InvestigationFacts.Principal, InvestigationFacts.Role, InvestigationFacts.RoleReference, InvestigationFacts.Error, InvestigationFacts.Action];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } =
        [InvestigationFacts.CompiledPolicies, InvestigationFacts.PassRoleRequest, InvestigationFacts.Circumstances, InvestigationFacts.EvaluationContext, InvestigationFacts.Evaluation, InvestigationFacts.MfaVariants];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.ActionInvestigated is { } investigated)
        {
            return ValueTask.FromResult(ActionEvaluation.Run(context, investigated));
        }

        const string Title = "iam:PassRole evaluation";
        if (context.Get(InvestigationFacts.Policies) is not { } policies || policies.PrincipalStatus != SourceResultStatus.Found)
        {
            return ValueTask.FromResult(RequestEvaluation.PoliciesNotKnown(context, Title));
        }

        if (context.RoleArn is null)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the role's ARN is not known") with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Skipped, "Not evaluated: the role's ARN is not known."),
            });
        }

        // One request, as AWS builds it: every key the account data, the error and the options give, each with its source
        // (IAM User Guide, "AWS global condition context keys"); what depends on how the call was made is a circumstance.
        var caller = RequestCaller.From(policies);
        var role = context.Get(InvestigationFacts.Role) is { } read && string.Equals(read.Arn, context.RoleArn, StringComparison.Ordinal)
            ? RoleTarget.From(read)
            : new RoleTarget(context.RoleArn);
        var built = context.Requests().PassRole(caller, role, context.Service);
        var findings = new List<Finding>();
        if (CrossAccount(caller.AccountId, context.RoleArn) is { } roleAccount)
        {
            findings.Add(new Finding(
                FindingCodes.CrossAccountRole,
                FindingSeverity.Error,
                $"Role {context.RoleArn} is in account {roleAccount}, and {caller.Arn} is in account {caller.AccountId}. A role can only be passed to a service in its own account (IAM User Guide, \"Grant a user permissions to pass a role to an AWS service\"): no permission in either account makes this work. Use a role in account {caller.AccountId}.")
            {
                Evidence = [new Evidence { Expected = [caller.AccountId], Actual = [roleAccount], Note = "the role's account" }],
            });
        }

        return ValueTask.FromResult(RequestEvaluation.Evaluate(context, policies, built, Title, $" with {PassedToService}={context.Service} and ", findings));
    }

    /// <summary>When the decision depends on circumstances other than MFA: the finding saying so, no surer than the data.</summary>
    internal static Finding? ConditionalFinding(ConditionalDecision conditional, IReadOnlyList<SourceGap> gaps, AccessDeniedMessage? error)
    {
        if (!conditional.IsConditional || conditional.Space.IsEmpty || OnlyMfa(conditional))
        {
            return null;
        }

        var stated = PartialData.Qualify(conditional, gaps, Decision.Unknown);
        var unknown = PartialData.Reason(gaps) is { } reason && stated.Outcomes.Any(o => o.Decision == Decision.Unknown)
            ? $" (by the policies that were read: {conditional.Describe()}; {reason})"
            : string.Empty;
        return new Finding(
            FindingCodes.ConditionalVerdict,
            conditional.Decisions.Contains(Decision.Allowed) ? FindingSeverity.Warning : FindingSeverity.Info,
            $"The decision depends on how the call is made: {stated.Describe()}{unknown}. The data cannot tell which held; "
            + (error is null ? "--context KEY=VALUE pins one." : "the error's wording picks the ones it is consistent with."))
        {
            Evidence = [.. conditional.Outcomes.Select((o, i) => new Evidence { Note = $"{conditional.Relevant(o)}: {PartialData.Describe(stated.Outcomes[i].Decision, o.Decision)}" })],
        };
    }

    /// <summary>The role's account when it differs from the principal's.</summary>
    private static string? CrossAccount(string principalAccount, string roleArn)
    {
        var account = ArnText.Account(roleArn);
        return account.Length > 0 && !string.Equals(account, principalAccount, StringComparison.Ordinal) ? account : null;
    }

    /// <summary>Whether MFA is the only circumstance: the MFA variants already speak of it.</summary>
    private static bool OnlyMfa(ConditionalDecision conditional) =>
        conditional.Space.Keys.All(k => string.Equals(k, ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Picks the circumstances the failed request most likely had: the first class combination whose decision is the
    /// one the error states (an implicit deny means no guardrail fired; an explicit deny must come from the policy type
    /// the error names). Classes come in a stable order (MFA present first), so with several candidates the verdict does
    /// not blame a guardrail the error does not need. When the policy type the error names was not read, the readable
    /// policies cannot contradict it: they are evaluated under the first combination. Keys the caller pinned are kept;
    /// when nothing fits the error, the mismatch is reported.
    /// </summary>
    internal static RequestContext Infer(AccessDeniedMessage? error, PolicyType? unreadNamed, CompiledPolicySet compiled, AuthorizationRequest baseline, ConditionalDecision conditional, List<Finding> findings)
    {
        var first = conditional.Outcomes[0];
        if (error is null)
        {
            // No error to read the circumstances from: keys not pinned are absent, as before any was known.
            return baseline.Context;
        }

        if (unreadNamed is { } unread)
        {
            if (!conditional.Space.IsEmpty)
            {
                findings.Add(Inferred(
                    $"The error reports {ErrorAttribution.Reason(error)}, and not every {ErrorAttribution.Noun(unread)} that applies could be read, so that layer is taken from the error; the readable policies are evaluated as the request most likely was, so no guardrail the error does not name is blamed.",
                    first,
                    conditional));
            }

            return first.Context;
        }

        var named = error.PolicyType is { } type ? PolicyTypeOf(type) : null;
        var consistent = error.DenialKind switch
        {
            DenialKind.ImplicitDeny => conditional.Outcomes.Where(o => o.Decision == Decision.ImplicitDeny).ToList(),
            DenialKind.ExplicitDeny => conditional.Outcomes.Where(o => o.Decision == Decision.ExplicitDeny
                && (named is null || compiled.Evaluate(baseline with { Context = o.Context }).DecidingStatements.Any(d => d.PolicyType == named))).ToList(),
            _ => null,
        };
        if (consistent is null)
        {
            return first.Context;
        }

        if (consistent.Count == 0)
        {
            findings.Add(Mismatch(ErrorAttribution.Reason(error), conditional));
            return error.DenialKind == DenialKind.ImplicitDeny ? first.Context : baseline.Context;
        }

        var chosen = consistent[0];
        if (!conditional.Space.IsEmpty)
        {
            var why = error.DenialKind == DenialKind.ImplicitDeny
                ? "The error says no policy allows the action (an implicit deny), so no guardrail fired"
                : "The error reports an explicit deny";
            var narrowed = consistent.Count == conditional.Outcomes.Count
                ? $"{why}, which holds whatever the circumstances."
                : $"{why}: that holds only when {string.Join(" or ", consistent.Select(conditional.Relevant).Distinct(StringComparer.Ordinal))}.";
            findings.Add(Inferred(narrowed, chosen, conditional));
        }

        return chosen.Context;
    }

    // The policy types a principal's evaluated set can hold; a VPC endpoint or trust policy named in the error is not in it.
    private static PolicyType? PolicyTypeOf(PolicyType type) =>
        type is PolicyType.VpcEndpointPolicy or PolicyType.RoleTrustPolicy ? null : type;

    private static Finding Inferred(string why, CircumstanceOutcome chosen, ConditionalDecision conditional) => new(
        FindingCodes.InferredContext,
        FindingSeverity.Info,
        $"{why} Evaluated with {Describe(chosen.Context, conditional)}.")
    {
        Evidence = [.. conditional.Outcomes.Select(o => new Evidence
        {
            ContextKey = conditional.Space.Keys.Count == 1 ? conditional.Space.Keys[0] : null,
            Actual = [.. o.Assignment.Select(c => c.Value ?? "(absent)")],
            Note = $"{(o.Assignment.Count == 0 ? "as given" : o.Description)}: {o.Decision}",
        })],
    };

    private static Finding Mismatch(string reported, ConditionalDecision conditional) => new(
        FindingCodes.ErrorReasonMismatch,
        FindingSeverity.Warning,
        $"The error's reason is \"{reported}\", but the request evaluates to {(conditional.Space.IsEmpty ? conditional.Outcomes[0].Decision.ToString() : conditional.Describe())}, never to that. The policies may have changed since the error, it came from another principal, role or account, or a value given with --mfa or --context is not the one the failed call had.")
    {
        Evidence = [new Evidence { Expected = [reported], Actual = [.. conditional.Outcomes.Select(o => $"{(o.Assignment.Count == 0 ? "as given" : o.Description)}: {o.Decision}")] }],
    };

    /// <summary>The circumstance values of a context, for a sentence: "aws:MultiFactorAuthPresent=true".</summary>
    internal static string Describe(RequestContext context, ConditionalDecision conditional)
    {
        var keys = conditional.Space.Keys;
        if (context.ContainsKey(ContextVariants.MultiFactorAuthPresentKey) && !keys.Contains(ContextVariants.MultiFactorAuthPresentKey, StringComparer.OrdinalIgnoreCase))
        {
            keys = [ContextVariants.MultiFactorAuthPresentKey, .. keys];
        }

        if (keys.Count == 0)
        {
            return "every other key from the account data (no circumstance of the call matters)";
        }

        return string.Join(", ", keys.Select(key => context.TryGetValue(key, out var values) ? $"{key}={string.Join(",", values)}" : $"{key} absent"));
    }
}
