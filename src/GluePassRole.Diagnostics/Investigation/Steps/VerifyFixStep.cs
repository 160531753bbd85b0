using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step: re-evaluates with the fix applied — field note: "Re-run the simulator before asking the user to retry".</summary>
internal sealed class VerifyFixStep : IInvestigationStep
{
    private const string Title = "Fix verified";

    public string Name => InvestigationSteps.VerifyFix;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Fix, InvestigationFacts.Evaluation, InvestigationFacts.EvaluationContext, InvestigationFacts.CompiledPolicies,
         InvestigationFacts.Blockers, InvestigationFacts.Policies, InvestigationFacts.Action, InvestigationFacts.Error];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Verification];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Get(InvestigationFacts.Fix) is not { } fix
            || context.Get(InvestigationFacts.Evaluation) is not { } evaluation
            || context.Get(InvestigationFacts.CompiledPolicies) is not { } compiled)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "no fix was proposed") with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Skipped, "No fix was proposed."),
            });
        }

        var request = evaluation.Request with { Context = FixPlanning.ContextFor(context.Get(InvestigationFacts.EvaluationContext) ?? evaluation.Request.Context, evaluation, context.Request.Context) };
        var before = compiled.Decide(request);
        var after = FixPlanning.WithFix(compiled, fix).Evaluate(request);
        var verification = Judge(fix, before, after, context) with { DecisionByReadPolicies = after.Decision };
        return ValueTask.FromResult(StepResult.Completed(context.With(InvestigationFacts.Verification, verification)) with
        {
            Check = new InvestigationCheck(
                Title,
                verification.FixWorks ? CheckOutcome.Passed : verification.DecisionAfterFix == Decision.Unknown ? CheckOutcome.Unknown : CheckOutcome.Failed,
                verification.FixWorks ? $"{before} -> Allowed with the fix."
                    : verification.DecisionAfterFix == Decision.Unknown
                        ? $"{before} -> Allowed by the policies read; not verified: {(Unread(context) is { Length: > 0 } unread ? unread + " could not be read" : "the resource's own policy was not read")}."
                    : $"{before} -> {verification.DecisionAfterFix}: the fix alone is not enough."),
        });
    }

    /// <summary>
    /// Nothing is verified against a policy nobody read: a deny the error names in an unread layer still stands after the
    /// fix, and an Allowed that unread policies could still turn is reported as Unknown, naming what was not read.
    /// </summary>
    private static FixVerification Judge(ProposedFix fix, Decision before, EvaluationResult after, InvestigationContext context)
    {
        var request = after.Request;
        if (after.Decision != Decision.Allowed)
        {
            return new FixVerification(before, after.Decision, $"The fix alone is not enough: {after.Explanation} {string.Join(" ", fix.AlsoRequired)}");
        }

        if ((context.Get(InvestigationFacts.Blockers) ?? []).FirstOrDefault(b => b.Basis == BlockerBasis.ErrorText) is { } named)
        {
            var still = named.Kind == BlockerKind.ExplicitDeny ? Decision.ExplicitDeny : Decision.ImplicitDeny;
            return new FixVerification(before, still, $"With {FixPlanning.Applied(fix)}, the policies that were read allow {request.Action} on {request.Resource}, but the {named.Policy} still decides: {named.Detail}.");
        }

        var investigated = context.ActionInvestigated;
        var applied = $"With {FixPlanning.Applied(fix)}, {request.Action} on {request.Resource}{(investigated is null ? $" to {context.Service}" : string.Empty)}";
        if (investigated is not null && ResourcePolicies.Unverified(request.Action, context.Get(InvestigationFacts.Error)) is { } resourcePolicy)
        {
            return new FixVerification(before, Decision.Unknown, $"{applied} is Allowed by the principal's policies, under {Shown(request.Context, context)}; it is not verified: {resourcePolicy}");
        }

        return context.Get(InvestigationFacts.Policies) is { Gaps.Count: > 0 }
            ? new FixVerification(before, Decision.Unknown, $"{applied} is Allowed by every policy that was read, under {request.Context}; it is not verified, because {Unread(context)} could not be read: if they do not deny it, the fix works.")
            : new FixVerification(before, Decision.Allowed, $"{applied} is Allowed (was {before}) under {Shown(request.Context, context)}."
                + (investigated is null ? string.Empty : ResourcePolicies.ReadFromError(request.Action)));
    }

    /// <summary>The keys the decision turned on: the service, the circumstances and what the caller pinned (the whole request is in the JSON report).</summary>
    private static string Shown(GluePassRole.Diagnostics.Policies.RequestContext request, InvestigationContext context)
    {
        IEnumerable<string> keys = ["iam:PassedToService", ContextVariants.MultiFactorAuthPresentKey];
        keys = keys.Concat(context.Get(InvestigationFacts.Circumstances)?.Space.Keys ?? []).Concat(context.Request.Context.Keys);
        var shown = string.Join(", ", keys.Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(request.ContainsKey)
            .Select(key => $"{key}={string.Join(",", request[key])}"));
        return shown.Length > 0 ? shown : "the request as built from the account data (no circumstance of the call matters)";
    }

    private static string Unread(InvestigationContext context) =>
        string.Join("; ", (context.Get(InvestigationFacts.Policies)?.Gaps ?? []).Select(g => g.Subject));
}
