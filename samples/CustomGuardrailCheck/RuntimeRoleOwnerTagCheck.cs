using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace CustomGuardrailCheck;

/// <summary>
/// The team's rule: every Glue runtime role carries an <c>owner</c> tag, so a failing job can be routed to someone.
/// Runs after the built-in steps and reads the same typed facts they wrote: the role they loaded and the evaluation.
/// It also shares its answer with later steps under its own typed key.
/// </summary>
internal sealed class RuntimeRoleOwnerTagCheck : IInvestigationStep
{
    public const string Code = "RuntimeRoleWithoutOwner";

    /// <summary>The owner the check found, for any later step (a ticket router, say).</summary>
    public static readonly InvestigationFactKey<string> Owner = new("myteam.runtime-role-owner");

    public string Name => "runtime-role-owner-tag";

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } = [InvestigationFacts.Role, InvestigationFacts.Evaluation];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [Owner];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Get(InvestigationFacts.Role) is not { } role)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "the role was not read"));
        }

        // Only worth a ticket when the save is actually blocked.
        var blocked = context.Get(InvestigationFacts.Evaluation)?.Decision is Decision.ExplicitDeny or Decision.ImplicitDeny;
        var owner = role.Tags.FirstOrDefault(t => t.Key == "owner");
        if (owner is not null)
        {
            return ValueTask.FromResult(StepResult.Completed(context.With(Owner, owner.Value)) with
            {
                Check = new InvestigationCheck("Runtime role owner", CheckOutcome.Passed, $"{role.Name} is owned by {owner.Value}."),
            });
        }

        var finding = new Finding(
            Code,
            blocked ? FindingSeverity.Warning : FindingSeverity.Info,
            $"Runtime role {role.Name} has no owner tag; add one (aws iam tag-role --role-name {role.Name} --tags Key=owner,Value=<team>).")
        {
            Evidence = [new Evidence { Actual = [role.Arn], Expected = ["tag owner"], Note = "the team's tagging rule" }],
        };
        return ValueTask.FromResult(StepResult.Completed(context, finding) with
        {
            Check = new InvestigationCheck("Runtime role owner", CheckOutcome.Failed, $"{role.Name} has no owner tag."),
        });
    }
}
