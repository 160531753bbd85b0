using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Building;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;
using GluePassRole.Diagnostics.Sources.Snapshot;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: the principal's policies with provenance — user inline and managed, each group's, role's, boundary, SCPs —
/// and the gaps in what could be read (a statement that is not known counts only when it could match <c>iam:PassRole</c>
/// on the role). Also flags PassRole allows that are broader than they should be.
/// </summary>
internal sealed class ResolvePoliciesStep(IIamReader iam, IOrganizationsReader organizations) : IInvestigationStep
{
    private const string Title = "Principal's policies";
    private const string PassRoleAction = "iam:PassRole";

    public string Name => InvestigationSteps.ResolvePolicies;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } = [InvestigationFacts.Principal, InvestigationFacts.Role, InvestigationFacts.RoleReference, InvestigationFacts.Action];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Policies];

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Get(InvestigationFacts.Principal) is not { } principal)
        {
            return StepResult.Skipped(context, "no principal is known") with { Check = new InvestigationCheck(Title, CheckOutcome.Skipped, "Not read: no principal is known.") };
        }

        EffectivePolicies policies;
        try
        {
            policies = await new EffectivePolicyResolver(iam, organizations)
                .ResolveAsync(principal.Arn, context.Request.SessionPolicy, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return new StepResult(StepOutcome.Failed, context)
            {
                Findings = [new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"Cannot resolve the policies of {principal}: {ex.Message}")],
                Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"Cannot resolve the policies of {principal}: {ex.Message}"),
            };
        }

        // A statement that is not known counts only if it could match the request: iam:PassRole on the role.
        // For an error that denies another action, the statements that matter are those that could match that action.
        var investigated = context.ActionInvestigated;
        var scoped = investigated is null ? policies.ScopedTo(PassRoleAction, context.RoleArn) : policies.ScopedTo(investigated.Action, investigated.Resource);
        var notCounted = scoped.Notes.Skip(policies.Notes.Count).ToList();
        policies = investigated is null ? scoped : ResourcePolicies.WithUnreadKeyPolicy(scoped, investigated);
        var findings = new List<Finding>();
        var updated = context.With(InvestigationFacts.Policies, policies);
        if (policies.PrincipalStatus == SourceResultStatus.NotFound)
        {
            findings.Add(new Finding(FindingCodes.NotFound, FindingSeverity.Error, $"Principal {principal} does not exist in this account."));
        }

        foreach (var gap in policies.Gaps)
        {
            findings.Add(Unreadable.Finding($"{gap.Subject} ({gap.PolicyType})", gap.Error) with
            {
                Evidence = [new Evidence { PolicyType = gap.PolicyType, Note = gap.Error.ToString(), MissingPermission = gap.Error.MissingPermission }],
            });
        }

        if (policies.Principal.IsIdentityCenterRole)
        {
            findings.Add(new Finding(
                FindingCodes.IdentityCenterRole,
                FindingSeverity.Info,
                $"{policies.Principal.Name} is an IAM Identity Center role: its policies come from a permission set. Change the permission set, not the role (Identity Center overwrites direct changes).")
            {
                Evidence = [new Evidence { Actual = [policies.Principal.Arn], Note = "an AWSReservedSSO_* role" }],
            });
        }

        foreach (var policy in investigated is null ? policies.Policies.IdentityPolicies : [])
        {
            foreach (var broad in PassRoleAllowAnalysis.FindBroadAllows(policy.Document))
            {
                findings.Add(new Finding(
                    FindingCodes.OverlyBroadPassRole,
                    FindingSeverity.Warning,
                    $"{policy.Source} statement {broad.Sid ?? "#" + broad.StatementIndex}: {broad.Explanation}")
                {
                    Evidence = [new Evidence { Policy = policy.Source, PolicyType = PolicyType.IdentityBased, Statement = broad.Sid ?? "#" + broad.StatementIndex, Note = broad.Reasons.ToString() }],
                });
            }
        }

        return new StepResult(policies.PrincipalStatus == SourceResultStatus.Unreadable ? StepOutcome.Incomplete : StepOutcome.Completed, updated)
        {
            Findings = findings,
            Check = Check(principal, policies, notCounted),
        };
    }

    /// <summary>The checklist line: who the principal is, its groups, and every policy read (also those that play no part).</summary>
    private static InvestigationCheck Check(PrincipalArn principal, EffectivePolicies policies, IReadOnlyList<string> notCounted)
    {
        if (policies.PrincipalStatus == SourceResultStatus.NotFound)
        {
            return new InvestigationCheck(Title, CheckOutcome.Failed, $"{principal} does not exist in this account.");
        }

        var details = new List<string>();
        if (policies.Groups.Count > 0)
        {
            details.Add("groups: " + string.Join(", ", policies.Groups));
        }

        details.AddRange(policies.Policies.IdentityPolicies.Select(p => p.Source.Name + EvaluationReading.Attached(p.Source)));
        if (policies.Policies.PermissionsBoundary is { } boundary)
        {
            details.Add($"permissions boundary: {boundary.Source.Name}");
        }

        if (policies.Policies.SessionPolicy is not null)
        {
            details.Add("session policy: supplied");
        }

        if (policies.Policies.ServiceControlPolicies is { } levels)
        {
            details.Add($"SCPs: {levels.Count} organization level{(levels.Count == 1 ? string.Empty : "s")}" + (levels.Count == 0 ? " (not in an organization)" : string.Empty));
        }

        details.AddRange(policies.BundledCopies.Select(BundledManagedPolicies.UsedCopyNote));
        details.AddRange(policies.Gaps.Where(g => g.PolicyType != PolicyType.ResourceBased).Select(g => $"not read: {g.Subject}" + (g.Error.MissingPermission is { } permission ? $" (needs {permission})" : string.Empty)));
        details.AddRange(notCounted);
        var count = policies.Policies.IdentityPolicies.Count;
        // A resource's policy (a KMS key's, not read) is not the principal's: it is named where it decides, not here.
        var identityGaps = policies.Gaps.Any(g => g.PolicyType is not PolicyType.ServiceControlPolicy and not PolicyType.ResourceControlPolicy and not PolicyType.ResourceBased);
        var summary = $"{policies.Principal} has {count} identity-based polic{(count == 1 ? "y" : "ies")}"
            + (policies.Policies.PermissionsBoundary is null ? string.Empty : " and a permissions boundary")
            + (identityGaps ? "; some could not be read." : ".");
        return new InvestigationCheck(Title, identityGaps || policies.PrincipalStatus == SourceResultStatus.Unreadable ? CheckOutcome.Unknown : CheckOutcome.Passed, summary)
        {
            Details = details,
        };
    }
}
