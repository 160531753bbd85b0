using GluePassRole.Diagnostics.AccessDenied;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary>Builds the report from the investigation's facts: nothing is copied from a mutable bag.</summary>
internal static class PassRoleReportBuilder
{
    public static PassRoleReport Build(InvestigationContext context, IReadOnlyList<StepRecord> steps, IReadOnlyList<InvestigationCheck> checks)
    {
        var verdict = Verdict(context);
        var gaps = context.Get(InvestigationFacts.Policies)?.Gaps ?? [];
        var variants = context.Get(InvestigationFacts.MfaVariants);
        var circumstances = context.Get(InvestigationFacts.Circumstances);
        return new()
        {
            Decision = verdict,
            Principal = context.Get(InvestigationFacts.Principal)?.Arn ?? context.Request.Principal,
            Role = context.RoleArn ?? context.Get(InvestigationFacts.RoleReference),
            Service = context.Service,
            Action = context.ActionInvestigated?.Action,
            Resource = context.ActionInvestigated?.Resource,
            Account = context.Get(InvestigationFacts.Account),
            GlueJob = context.Get(InvestigationFacts.GlueJob)?.Name ?? context.Request.GlueJobName,
            GlueResourceKind = context.Get(InvestigationFacts.GlueJob)?.Kind,
            Blockers = context.Get(InvestigationFacts.Blockers) ?? [],
            Findings = context.Findings,
            Evaluation = context.Get(InvestigationFacts.Evaluation),
            // Decisions for other circumstances than the failed call's, stated no surer than the data (unread policies could change them).
            MfaVariants = variants is null ? null : PartialData.Qualify(variants, gaps),
            MfaVariantsByReadPolicies = variants,
            Request = context.Get(InvestigationFacts.PassRoleRequest),
            Circumstances = circumstances is null ? null : PartialData.Qualify(circumstances, gaps, verdict),
            CircumstancesByReadPolicies = circumstances,
            Fix = context.Get(InvestigationFacts.Fix),
            Verification = context.Get(InvestigationFacts.Verification),
            Checks = checks,
            Steps = steps,
            Unread = gaps,
        };
    }

    /// <summary>
    /// An explicit deny read from the account is certain. So is what the error says when a blocker of the type it names
    /// stands: confirmed by the policies read, or taken from the error because that type could not be read (an SCP deny
    /// seen from a member account); an unread layer cannot contradict AWS's own words. Anything else is only as good as
    /// the data: when identity, boundary or session policies could not be read, the verdict is Unknown — unknown is never
    /// reported as a deny. SCPs a member account cannot read are noted as findings but do not make the verdict unknown.
    /// </summary>
    private static Decision Verdict(InvestigationContext context)
    {
        if (context.Get(InvestigationFacts.Evaluation) is not { } evaluation)
        {
            return Decision.Unknown;
        }

        if (evaluation.Decision == Decision.ExplicitDeny)
        {
            return Decision.ExplicitDeny;
        }

        if (context.Get(InvestigationFacts.Error) is { PolicyType: { } named, DenialKind: var kind and (DenialKind.ExplicitDeny or DenialKind.ImplicitDeny) }
            && (context.Get(InvestigationFacts.Blockers) ?? []).Any(b => b.PolicyType == named && b.Kind == ErrorAttribution.BlockerKindOf(kind)))
        {
            return kind == DenialKind.ExplicitDeny ? Decision.ExplicitDeny : Decision.ImplicitDeny;
        }

        var gaps = context.Get(InvestigationFacts.Policies)?.Gaps.Where(g => g.PolicyType is not PolicyType.ServiceControlPolicy and not PolicyType.ResourceControlPolicy) ?? [];
        return gaps.Any() ? Decision.Unknown : evaluation.Decision;
    }
}
