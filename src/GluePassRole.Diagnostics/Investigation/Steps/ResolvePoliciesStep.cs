using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: the principal's policies with provenance — user inline and managed, each group's, role's, boundary, SCPs —
/// and the gaps in what could be read. Also flags PassRole allows that are broader than they should be.
/// </summary>
internal sealed class ResolvePoliciesStep(IIamReader iam, IOrganizationsReader organizations) : IInvestigationStep
{
    public string Name => InvestigationSteps.ResolvePolicies;

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Principal is not { } principal)
        {
            return StepResult.Skipped(context, "no principal is known");
        }

        EffectivePolicies policies;
        try
        {
            policies = await new EffectivePolicyResolver(iam, organizations)
                .ResolveAsync(principal, context.Request.SessionPolicy, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return new StepResult(StepOutcome.Failed, context)
            {
                Findings = [new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"Cannot resolve the policies of {principal}: {ex.Message}")],
            };
        }

        var findings = new List<Finding>();
        var updated = context with { Policies = policies };
        if (policies.PrincipalStatus == SourceResultStatus.NotFound)
        {
            findings.Add(new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"Principal {principal} does not exist in this account."));
        }

        foreach (var gap in policies.Gaps)
        {
            findings.Add(Unreadable.Finding($"{gap.Subject} ({gap.PolicyType})", gap.Error));
        }

        if (policies.Principal.IsIdentityCenterRole)
        {
            findings.Add(new Finding(
                FindingCodes.IdentityCenterRole,
                FindingSeverity.Info,
                $"{policies.Principal.Name} is an IAM Identity Center role: its policies come from a permission set. Change the permission set, not the role (Identity Center overwrites direct changes)."));
        }

        foreach (var policy in policies.Policies.IdentityPolicies)
        {
            foreach (var broad in PassRoleAllowAnalysis.FindBroadAllows(policy.Document))
            {
                findings.Add(new Finding(
                    FindingCodes.OverlyBroadPassRole,
                    FindingSeverity.Warning,
                    $"{Describe(policy.Source)} statement {broad.Sid ?? "#" + broad.StatementIndex}: {broad.Explanation}")
                {
                    Evidence = [$"{policy.Source}", $"reasons: {broad.Reasons}"],
                });
            }
        }

        return new StepResult(policies.PrincipalStatus == SourceResultStatus.Unreadable ? StepOutcome.Incomplete : StepOutcome.Completed, updated)
        {
            Findings = findings,
        };
    }

    private static string Describe(PolicySource source) => source.ToString();
}
