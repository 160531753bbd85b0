using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies.Evaluation;
using static GluePassRole.Diagnostics.Fixes.EvaluationReading;

namespace GluePassRole.Diagnostics.Investigation.Steps;

/// <summary>
/// Step: names the cause. An explicit deny: the guardrail's policy, statement and condition and what satisfies it. An
/// implicit deny: the nearest misses and the layer that lacks the allow. Allowed: the error is stale or from elsewhere.
/// </summary>
internal sealed class ClassifyCauseStep : IInvestigationStep
{
    public string Name => InvestigationSteps.ClassifyCause;

    public IReadOnlyCollection<InvestigationFactKey> Reads { get; } =
        [InvestigationFacts.Evaluation, InvestigationFacts.MfaVariants, InvestigationFacts.Error, InvestigationFacts.Policies, InvestigationFacts.Account, InvestigationFacts.Action];

    public IReadOnlyCollection<InvestigationFactKey> Writes { get; } = [InvestigationFacts.Blockers];

    public ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken)
    {
        if (context.Get(InvestigationFacts.Evaluation) is not { } evaluation)
        {
            return ValueTask.FromResult(StepResult.Skipped(context, "nothing was evaluated"));
        }

        if (context.ActionInvestigated is not null)
        {
            return ValueTask.FromResult(ActionCause.Run(context, evaluation));
        }

        var findings = new List<Finding>();
        var blockers = new List<Blocker>();
        var roleArn = evaluation.Request.Resource;
        var role = ArnText.Resource(roleArn);
        var error = context.Get(InvestigationFacts.Error);
        var unreadNamed = ErrorAttribution.UnreadNamedType(error, context.Get(InvestigationFacts.Policies));

        switch (evaluation.Decision)
        {
            case Decision.ExplicitDeny:
                DeniedCause.AddExplicitDenies(
                    evaluation, $"iam:PassRole on {role}", deny => string.Join(" ", DenyExceptions.For(deny, roleArn).DefaultIfEmpty("Change or scope that statement.")), blockers, findings);
                break;

            case Decision.ImplicitDeny:
                var layer = DeniedCause.AddLayerLackingAllow(
                    evaluation, $"iam:PassRole on {role} to {context.Service}", $"iam:PassRole on {role} when passed to {context.Service}", l => WhatToChange(l, role, context.Service), blockers, findings);
                findings.AddRange(NearMisses(evaluation, layer, role, roleArn));
                break;

            case Decision.Allowed when unreadNamed is not null:
                break; // the deny the error names is the cause: said below, with what the readable policies allow

            case Decision.Allowed:
                var allows = string.Join("; ", evaluation.DecidingStatements.Select(Describe));
                findings.Add(new Finding(
                    FindingCodes.AlreadyAllowed,
                    FindingSeverity.Warning,
                    context.Get(InvestigationFacts.Error) is null
                        ? $"These policies allow passing {role} to {context.Service} ({allows}). A denial would come from a policy these data do not show (an SCP, a VPC endpoint policy)."
                        : $"These policies allow passing {role} to {context.Service} ({allows}). The error is stale, or came from another principal, role or account, or from a policy these data do not show (an SCP, a VPC endpoint policy): check the error's principal, role and account against these, and retry the save.")
                {
                    Evidence = [.. evaluation.DecidingStatements.Select(Evidence.Of)],
                });
                break;
        }

        AddGuardrailAndNamedDeny(context, evaluation, blockers, findings);
        return ValueTask.FromResult(StepResult.Completed(context.With<IReadOnlyList<Blocker>>(InvestigationFacts.Blockers, blockers), [.. findings]));
    }

    /// <summary>
    /// What every cause ends with: an MFA guardrail that fires in another MFA variant, and the deny the error names in a
    /// layer that could not be read (first, since AWS's words decide).
    /// </summary>
    internal static void AddGuardrailAndNamedDeny(InvestigationContext context, EvaluationResult evaluation, List<Blocker> blockers, List<Finding> findings)
    {
        // A guardrail that fires in some MFA variant but not in the chosen one: worth saying, it is half the field note.
        if (evaluation.Decision != Decision.ExplicitDeny && context.Get(InvestigationFacts.MfaVariants) is { } variants
            && variants.Variants.Any(v => v.Decision == Decision.ExplicitDeny))
        {
            var guardrail = evaluation.Misses.FirstOrDefault(m => m.Statement.Effect == Policies.Effect.Deny && IsMfaGuardrail(m.Statement));
            if (guardrail is not null)
            {
                findings.Add(MfaGuardrail(new StatementMatch(guardrail.PolicyType, guardrail.Policy, guardrail.StatementIndex, guardrail.Statement) { Level = guardrail.Level }, explicitNow: false));
            }
        }

        var error = context.Get(InvestigationFacts.Error);
        if (ErrorAttribution.UnreadNamedType(error, context.Get(InvestigationFacts.Policies)) is { } unread && error is not null
            && !blockers.Any(b => b.PolicyType == unread && b.Kind == ErrorAttribution.BlockerKindOf(error.DenialKind)))
        {
            var (blocker, finding) = NamedByError(unread, error, evaluation, context);
            blockers.Insert(0, blocker);
            findings.Insert(0, finding);
        }
    }

    /// <summary>
    /// The layer the error names could not be read: AWS's words are the evidence. No change inside the account resolves
    /// it, so the finding says who can, and which read would let the tool name the statement.
    /// </summary>
    internal static (Blocker Blocker, Finding Finding) NamedByError(PolicyType unread, AccessDeniedMessage error, EvaluationResult evaluation, InvestigationContext context)
    {
        var noun = ErrorAttribution.Noun(unread);
        var gap = context.Get(InvestigationFacts.Policies)?.Gaps.FirstOrDefault(g => g.PolicyType == unread);
        var whyUnread = gap is null ? $"this source does not read {noun}s" : $"{gap.Subject}: {gap.Error.Message}";
        var account = context.Get(InvestigationFacts.Account) is { } id ? $" {id}" : string.Empty;
        var readable = evaluation.Decision switch
        {
            Decision.Allowed => $" The policies that were read allow it ({string.Join("; ", evaluation.DecidingStatements.Select(Describe))}), so nothing else is known to block it.",
            Decision.ImplicitDeny => $" The policies that were read do not allow it either: the {evaluation.LayerLackingAllow!.Name} lack an allow (below).",
            _ => string.Empty,
        };
        var finding = new Finding(
            FindingCodes.DenyNamedByError,
            FindingSeverity.Error,
            $"AWS's error reports {ErrorAttribution.Reason(error)}, and not every {noun} that applies could be read ({whyUnread}), so that deny is taken from the error text. No change inside account{account} resolves it: {ErrorAttribution.WhoCanChange(unread)}. With {ErrorAttribution.ReadPermissions(unread)}, this tool can name the statement.{readable}")
        {
            Evidence = [new Evidence { PolicyType = unread, MissingPermission = gap?.Error.MissingPermission, Note = "AccessDenied message: " + error.NormalizedMessage }],
        };
        var blocker = new Blocker(unread, ErrorAttribution.BlockerKindOf(error.DenialKind), $"{noun} named in the error (not read)", null)
        {
            Basis = BlockerBasis.ErrorText,
            Detail = $"{ErrorAttribution.Reason(error)}, as AWS's error says; {ErrorAttribution.WhoCanChange(unread)}",
        };
        return (blocker, finding);
    }

    private static string WhatToChange(LayerOutcome layer, string role, string service) => layer.PolicyType switch
    {
        PolicyType.IdentityBased => string.Empty,
        PolicyType.PermissionsBoundary => $" The identity policies allow it, but a boundary caps them: add iam:PassRole on {role} (with iam:PassedToService {service}) to the boundary policy.",
        PolicyType.ServiceControlPolicy => $" Every organization level must allow the action: the SCPs at level {layer.Level} need an allow for iam:PassRole (ask the organization's administrators).",
        PolicyType.SessionPolicy => " The session policy passed when the session was created must also allow iam:PassRole on the role.",
        _ => string.Empty,
    };

    private static IEnumerable<Finding> NearMisses(EvaluationResult evaluation, LayerOutcome layer, string role, string roleArn)
    {
        // Allows in the layer that lacks one, that mention iam:PassRole but miss this role or service, grouped by policy.
        foreach (var group in evaluation.Misses
                     .Where(m => m.PolicyType == layer.PolicyType && m.Level == layer.Level && IsNearMiss(m))
                     .GroupBy(m => m.Policy))
        {
            var resourceMisses = group.Where(m => m.FailedElement == StatementElement.Resource).ToList();
            var conditionMisses = group.Where(m => m.FailedElement == StatementElement.Condition).ToList();
            var parts = new List<string>();
            if (resourceMisses.Count > 0)
            {
                var patterns = resourceMisses.SelectMany(m => m.ResourcePatterns).Select(ArnText.Resource).Distinct();
                parts.Add($"allows iam:PassRole only on {string.Join(" and ", patterns)}; this role is {role}");
            }

            foreach (var miss in conditionMisses)
            {
                parts.Add($"statement {miss.StatementLabel} covers {role} but its condition fails: {miss.Reason}");
            }

            yield return new Finding(
                FindingCodes.NearMissAllow,
                FindingSeverity.Info,
                $"{group.Key.Source.Name}{Attached(group.Key.Source)} {string.Join("; ", parts)}.")
            {
                Evidence = [.. group.Select(m => Evidence.Of(m, m.FailedElement == StatementElement.Resource ? roleArn : null))],
            };
        }
    }

    internal static Finding MfaGuardrail(StatementMatch deny, bool explicitNow)
    {
        // A guardrail on the MFA's age (aws:MultiFactorAuthAge) is satisfied by a recent MFA sign-in, not by MFA alone.
        var onAge = deny.Statement.Conditions.Any(c => string.Equals(c.Key, "aws:MultiFactorAuthAge", StringComparison.OrdinalIgnoreCase));
        var conditions = string.Join(" and ", deny.Statement.Conditions);
        var message = onAge
            ? (explicitNow
                ? $"{Describe(deny)} explicitly denies the request because its MFA sign-in was too old or missing ({conditions})."
                : $"With an old or missing MFA sign-in, {Describe(deny)} also denies the request explicitly ({conditions}).")
              + " It is satisfied by a recent MFA sign-in: sign in to the console again with MFA, or get new credentials from sts:GetSessionToken with an MFA code."
            : (explicitNow
                ? $"{Describe(deny)} explicitly denies the request because it did not carry MFA ({conditions})."
                : $"Without MFA, {Describe(deny)} also denies the request explicitly ({conditions}).")
              + " It is satisfied when aws:MultiFactorAuthPresent is true: sign in to the console with MFA, or use credentials from sts:GetSessionToken with an MFA code for the CLI and SDKs.";
        return MfaGuardrail(deny, explicitNow, message);
    }

    private static Finding MfaGuardrail(StatementMatch deny, bool explicitNow, string message) => new(
        FindingCodes.MfaGuardrail,
        explicitNow ? FindingSeverity.Error : FindingSeverity.Warning,
        message)
    {
        Evidence = [.. deny.Statement.Conditions
            .Where(c => c.Key.StartsWith("aws:MultiFactorAuth", StringComparison.OrdinalIgnoreCase))
            .Select(c => Evidence.Of(deny) with { Element = StatementElement.Condition, ContextKey = c.Key, Expected = [$"{c.Operator.Name} {string.Join(", ", c.Values)}"] })],
    };

    internal static string? LayerPolicies(EvaluationResult evaluation, LayerOutcome layer)
    {
        // The policies of the layer that mention the action: the ones a reader should look at.
        var names = evaluation.Misses
            .Where(m => m.PolicyType == layer.PolicyType && m.Level == layer.Level)
            .Select(m => m.Policy.Source.Name)
            .Distinct()
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }
}
