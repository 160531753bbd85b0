using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step: re-evaluates with the fix applied — field note: "Re-run the simulator before asking the user to retry".</summary>
internal sealed class VerifyFixStep : IInvestigationStep
{
    private const string Title = "Fix verified";

    public string Name => InvestigationSteps.VerifyFix;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Fix, InvestigationFacts.Evaluation, InvestigationFacts.EvaluationContext, InvestigationFacts.CompiledPolicies];

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

        var request = evaluation.Request with { Context = FixPlanning.ContextFor(context.Get(InvestigationFacts.EvaluationContext) ?? evaluation.Request.Context, evaluation) };
        var before = compiled.Decide(request);
        var after = FixPlanning.WithFix(compiled, fix).Evaluate(request);
        var explanation = after.Decision == Decision.Allowed
            ? $"With {FixPlanning.Applied(fix)}, {request.Action} on {request.Resource} to {context.Service} is Allowed (was {before}) under {request.Context}."
            : $"The fix alone is not enough: {after.Explanation} {string.Join(" ", fix.AlsoRequired)}";
        var verification = new FixVerification(before, after.Decision, explanation);
        return ValueTask.FromResult(StepResult.Completed(context.With(InvestigationFacts.Verification, verification)) with
        {
            Check = new InvestigationCheck(
                Title,
                verification.FixWorks ? CheckOutcome.Passed : CheckOutcome.Failed,
                verification.FixWorks ? $"{before} -> Allowed with the fix." : $"{before} -> {after.Decision}: the fix alone is not enough."),
        });
    }
}
