using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: reads the role and checks that its trust policy lets the service assume it. Without that trust the save would
/// fail later even with PassRole (field note: "Check the Glue role itself").
/// </summary>
internal sealed class ReadRoleStep(IIamReader iam) : IInvestigationStep
{
    private const string Title = "Role";

    public string Name => InvestigationSteps.ReadRole;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } = [InvestigationFacts.RoleReference, InvestigationFacts.Action];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Role, InvestigationFacts.RoleTrust];

    public async ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.ActionInvestigated is { } investigated)
        {
            // No role is passed: the principal's own policies (a role session's are its role's) are read by resolve-policies.
            return StepResult.Skipped(context, "the error does not pass a role") with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Skipped, $"Not checked: the error denies {investigated.Action}, which passes no role."),
            };
        }

        if (context.Get(InvestigationFacts.RoleReference) is not { } reference)
        {
            return StepResult.Skipped(context, "no role is known") with { Check = new InvestigationCheck(Title, CheckOutcome.Skipped, "Not checked: no role is known.") };
        }

        var role = await new RoleReferenceResolver(iam).ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
        if (!role.TryGetValue(out var iamRole))
        {
            // A role in another account is not in this account's data: it is not missing, it is elsewhere (and cannot be
            // passed to a service here: the evaluation reports that).
            var account = context.Get(InvestigationFacts.Principal)?.Account;
            if (reference.StartsWith("arn:", StringComparison.Ordinal) && account is not null && ArnText.Account(reference) is { Length: > 0 } roleAccount
                && !string.Equals(roleAccount, account, StringComparison.Ordinal))
            {
                return StepResult.Completed(context) with
                {
                    Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"Role {reference} is in account {roleAccount}, not the principal's account {account}: a role can only be passed to a service in its own account."),
                };
            }

            return role.Status == SourceResultStatus.Unreadable
                ? StepResult.Incomplete(context, Unreadable.Finding($"role {reference}", role.Error!)) with
                {
                    Check = new InvestigationCheck(Title, CheckOutcome.Unknown, $"Role {reference} could not be read: {role.Error!.Message}"),
                }
                : StepResult.Completed(context, new Finding(
                    FindingCodes.NotFound,
                    FindingSeverity.Error,
                    $"Role {reference} does not exist in this account. A save that passes it fails whatever the permissions; check the job's role.")) with
                {
                    Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"Role {reference} does not exist in this account."),
                };
        }

        var updated = context.With(InvestigationFacts.Role, iamRole);
        if (!iamRole.TrustPolicy.TryGetValue(out var trust))
        {
            var error = iamRole.TrustPolicy.Error ?? new SourceError("no trust policy in the data");
            return StepResult.Incomplete(updated, Unreadable.Finding($"the trust policy of role {iamRole.Name}", error)) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Unknown, $"{iamRole.Arn} exists; its trust policy could not be read ({error.Message})."),
            };
        }

        // The service assumes the role: sts:AssumeRole by the service principal, which the trust policy must allow on its own.
        // The request is the service's own (aws:PrincipalIsAWSService, aws:PrincipalServiceName); aws:SourceAccount and
        // aws:SourceArn are circumstances, because AWS does not document that Glue sends them.
        EvaluationResult trustResult;
        ConditionalDecision conditional;
        try
        {
            var trustRequest = context.Requests().ServiceAssumeRole(context.Service, RoleTarget.From(iamRole));
            conditional = RoleTrust.DecideUnder(trust, iamRole.Arn, context.Service, trustRequest.Request.Context, trustRequest.Circumstances);
            var allowed = conditional.Outcomes.FirstOrDefault(o => o.Decision == Decision.Allowed);
            trustResult = RoleTrust.Evaluate(trust, iamRole.Arn, context.Service, (allowed ?? conditional.Outcomes[0]).Context);
        }
        catch (PolicyDocumentException ex)
        {
            // Data AWS would not have accepted: say what and where, and do not guess a verdict from it.
            return StepResult.Incomplete(updated, Unreadable.Finding($"the trust policy of role {iamRole.Name}", new SourceError($"it is not a valid trust policy: {ex.Message}"))) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Unknown, $"{iamRole.Arn} exists; its trust policy is not valid ({ex.Message})."),
            };
        }

        updated = updated.With(InvestigationFacts.RoleTrust, trustResult);
        if (trustResult.Decision != Decision.Allowed)
        {
            var trusted = trust.Statements.Where(s => s.Effect == Policies.Effect.Allow && s.Principal is not null).Select(s => s.Principal!.ToString()).ToList();
            return StepResult.Completed(updated, new Finding(
                FindingCodes.RoleTrustMissingService,
                FindingSeverity.Error,
                $"Role {iamRole.Name}'s trust policy does not let {context.Service} assume it ({trustResult.Decision}). Even with iam:PassRole the job would fail: add {context.Service} as a trusted service principal (sts:AssumeRole).")
            {
                Evidence = [new Evidence { Policy = new PolicySource(PolicySourceKind.ResourcePolicy, "trust policy") { AttachedTo = iamRole.Name }, PolicyType = PolicyType.ResourceBased, Element = StatementElement.Principal, Expected = trusted, Actual = [context.Service] }],
            }) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Failed, $"{iamRole.Arn} exists, but its trust policy does not let {context.Service} assume it.")
                {
                    Details = [$"trusted principals: {(trusted.Count == 0 ? "none" : string.Join("; ", trusted))}"],
                },
            };
        }

        if (conditional.IsConditional)
        {
            var when = string.Join(" or ", conditional.Outcomes.Where(o => o.Decision == Decision.Allowed).Select(conditional.Relevant).Distinct(StringComparer.Ordinal));
            var statement = trustResult.DecidingStatements.Count > 0 ? $" (statement {trustResult.DecidingStatements[0].StatementLabel})" : string.Empty;
            return StepResult.Completed(updated, new Finding(
                FindingCodes.RoleTrustConditional,
                FindingSeverity.Warning,
                $"Role {iamRole.Name}'s trust policy lets {context.Service} assume it only when {when}{statement}. AWS does not document whether {context.Service} sends "
                + $"{string.Join(" or ", conditional.Space.Keys)} when it assumes the role: if it does not, the job fails to assume the role. Trust is conditional, not missing.")
            {
                Evidence = [.. conditional.Outcomes.Select(o => new Evidence { Note = $"{o.Description}: {o.Decision}" })],
            }) with
            {
                Check = new InvestigationCheck(Title, CheckOutcome.Conditional, $"{iamRole.Arn} exists and trusts {context.Service} when {when}{statement}.")
                {
                    Details = [conditional.Describe()],
                },
            };
        }

        var grant = trustResult.DecidingStatements.Count > 0 ? trustResult.DecidingStatements[0] : null;
        return StepResult.Completed(updated) with
        {
            Check = new InvestigationCheck(Title, CheckOutcome.Passed, $"{iamRole.Arn} exists and trusts {context.Service} (sts:AssumeRole{(grant is null ? string.Empty : ", statement " + grant.StatementLabel)}).")
            {
                Details = iamRole.Path == "/" ? [] : [$"path {iamRole.Path}"],
            },
        };
    }
}
