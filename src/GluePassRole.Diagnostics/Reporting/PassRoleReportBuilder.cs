using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary>Builds the report from the investigation's facts: nothing is copied from a mutable bag.</summary>
internal static class PassRoleReportBuilder
{
    public static PassRoleReport Build(InvestigationContext context, IReadOnlyList<StepRecord> steps, IReadOnlyList<InvestigationCheck> checks) => new()
    {
        Decision = Verdict(context),
        Principal = context.Get(InvestigationFacts.Principal)?.Arn ?? context.Request.Principal,
        Role = context.RoleArn ?? context.Get(InvestigationFacts.RoleReference),
        Service = context.Service,
        Account = context.Get(InvestigationFacts.Account),
        GlueJob = context.Get(InvestigationFacts.GlueJob)?.Name ?? context.Request.GlueJobName,
        Blockers = context.Get(InvestigationFacts.Blockers) ?? [],
        Findings = context.Findings,
        Evaluation = context.Get(InvestigationFacts.Evaluation),
        MfaVariants = context.Get(InvestigationFacts.MfaVariants),
        Fix = context.Get(InvestigationFacts.Fix),
        Verification = context.Get(InvestigationFacts.Verification),
        Checks = checks,
        Steps = steps,
    };

    /// <summary>
    /// An explicit deny read from the account is certain. Anything else is only as good as the data: when identity,
    /// boundary or session policies could not be read, the verdict is Unknown — unknown is never reported as a deny.
    /// SCPs a member account cannot read are noted as findings but do not make the verdict unknown.
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

        var gaps = context.Get(InvestigationFacts.Policies)?.Gaps.Where(g => g.PolicyType is not PolicyType.ServiceControlPolicy and not PolicyType.ResourceControlPolicy) ?? [];
        return gaps.Any() ? Decision.Unknown : evaluation.Decision;
    }
}
