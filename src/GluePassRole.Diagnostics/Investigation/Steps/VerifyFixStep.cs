using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>Step: re-evaluates with the fix applied — field note: "Re-run the simulator before asking the user to retry".</summary>
internal sealed class VerifyFixStep : IInvestigationStep
{
    public string Name => InvestigationSteps.VerifyFix;

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Fix is not { } fix || context.Evaluation is not { } evaluation || context.Policies is not { } policies)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "no fix was proposed"));
        }

        var request = evaluation.Request with { Context = FixPlanning.ContextFor(context, evaluation) };
        var before = PolicyEvaluator.Compile(policies.Policies).Decide(request);
        var after = PolicyEvaluator.Evaluate(FixPlanning.WithFix(policies.Policies, fix), request);
        var explanation = after.Decision == Decision.Allowed
            ? $"With {fix.PolicyName} on {fix.Target.Type.ToString().ToLowerInvariant()} {fix.Target.Name}, {request.Action} on {request.Resource} to {context.Service} is Allowed (was {before}) under {request.Context}."
            : $"The fix alone is not enough: {after.Explanation} {string.Join(" ", fix.AlsoRequired)}";
        return ValueTask.FromResult(StepResult.Completed(context with { Verification = new FixVerification(before, after.Decision, explanation) }));
    }
}
