using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: reads the role and checks that its trust policy lets the service assume it. Without that trust the save would
/// fail later even with PassRole (field note: "Check the Glue role itself").
/// </summary>
internal sealed class ReadRoleStep(IIamReader iam) : IInvestigationStep
{
    public string Name => InvestigationSteps.ReadRole;

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.RoleReference is not { } reference)
        {
            return StepResult.Skipped(context, "no role is known");
        }

        var role = await new RoleReferenceResolver(iam).ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        if (!role.TryGetValue(out var iamRole))
        {
            return role.Status == SourceResultStatus.Unreadable
                ? StepResult.Incomplete(context, Unreadable.Finding($"role {reference}", role.Error!))
                : StepResult.Completed(context, new Finding(
                    FindingCodes.NotFound,
                    FindingSeverity.Error,
                    $"Role {reference} does not exist in this account. A save that passes it fails whatever the permissions; check the job's role."));
        }

        var updated = context with { Role = iamRole };
        if (!iamRole.TrustPolicy.TryGetValue(out var trust))
        {
            return StepResult.Incomplete(updated, Unreadable.Finding($"the trust policy of role {iamRole.Name}", iamRole.TrustPolicy.Error ?? new SourceError("no trust policy in the data")));
        }

        // The service assumes the role: evaluate sts:AssumeRole by the service principal against the trust policy.
        var trustResult = PolicyEvaluator.Evaluate(
            new PolicySet { ResourcePolicy = new SourcedPolicy(trust, new PolicySource(PolicySourceKind.ResourcePolicy, "trust policy") { AttachedTo = iamRole.Name }) },
            new AuthorizationRequest { Principal = context.Service, Action = "sts:AssumeRole", Resource = iamRole.Arn });
        if (trustResult.Decision != Decision.Allowed)
        {
            var trusted = trust.Statements.Where(s => s.Effect == Policies.Effect.Allow && s.Principal is not null).Select(s => s.Principal!.ToString());
            return StepResult.Completed(updated, new Finding(
                FindingCodes.RoleTrustMissingService,
                FindingSeverity.Error,
                $"Role {iamRole.Name}'s trust policy does not let {context.Service} assume it ({trustResult.Decision}). Even with iam:PassRole the job would fail: add {context.Service} as a trusted service principal (sts:AssumeRole).")
            {
                Evidence = [$"trusted principals: {string.Join("; ", trusted)}"],
            });
        }

        return StepResult.Completed(updated);
    }
}
