using GluePassRole.Diagnostics.Investigation;

namespace CustomGuardrailCheck;

/// <summary>
/// The team's rule: every Glue runtime role carries an <c>owner</c> tag, so a failing job can be routed to someone.
/// Runs after the built-in steps, reads the role they already loaded, and reports a finding of its own.
/// </summary>
internal sealed class RuntimeRoleOwnerTagCheck : IInvestigationStep
{
    public const string Code = "RuntimeRoleWithoutOwner";

    public string Name => "runtime-role-owner-tag";

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Role is not { } role)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the role was not read"));
        }

        var owner = role.Tags.FirstOrDefault(t => t.Key == "owner");
        return ValueTask.FromResult(owner is null
            ? StepResult.Completed(context, new Finding(Code, FindingSeverity.Warning, $"Runtime role {role.Name} has no owner tag; add one (aws iam tag-role --role-name {role.Name} --tags Key=owner,Value=<team>)."))
            : StepResult.Completed(context));
    }
}
