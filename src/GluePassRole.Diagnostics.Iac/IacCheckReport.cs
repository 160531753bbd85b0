using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>
/// <c>check</c>'s findings and rules in the form every report shares (<see cref="ReportFinding"/>, <see cref="ReportRule"/>),
/// from which its SARIF is written like every other command's.
/// </summary>
public static class IacCheckReport
{
    /// <summary><see cref="IacCheck.Rules"/> as shared rules, in the same order.</summary>
    public static IReadOnlyList<ReportRule> Rules { get; } = [.. IacCheck.Rules.Select(rule => new ReportRule(rule.Key, rule.Value))];

    /// <summary>
    /// The finding in the shared form: a failure or a warning is a problem; an <see cref="IacCheckSeverity.Unknown"/>
    /// finding is undecided (with what is unknown and what would decide it), a <see cref="IacCheckSeverity.Conditional"/>
    /// pass is conditional (with its conditions), a GPR004 note (the principal or group can pass the role) is a pass and
    /// any other note is information. The fix is carried as facts: what it is made to, where, the change, the premise and
    /// the policy.
    /// </summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The shared finding; its location is the IaC origin when the finding has one.</returns>
    public static ReportFinding ToReportFinding(this IacCheckFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var (severity, outcome) = finding.Severity switch
        {
            IacCheckSeverity.Error => (ReportSeverity.Error, ReportOutcome.Problem),
            IacCheckSeverity.Warning => (ReportSeverity.Warning, ReportOutcome.Problem),
            IacCheckSeverity.Unknown => (ReportSeverity.Warning, ReportOutcome.Undecided),
            IacCheckSeverity.Conditional => (ReportSeverity.Note, ReportOutcome.Conditional),
            _ => (ReportSeverity.Note, finding.RuleId == "GPR004" ? ReportOutcome.Pass : ReportOutcome.Information),
        };
        var origin = finding.Origin;
        return new ReportFinding(finding.RuleId, severity, finding.Subject ?? (origin is null ? "the checked sources" : Logical(origin)), finding.Message)
        {
            Outcome = outcome,
            Evidence = [.. Facts(finding)],
            Locations = origin is null ? [] : [new ReportLocation { File = origin.File, Line = origin.Line is > 0 ? origin.Line : null, LogicalName = Logical(origin), LogicalKind = "resource" }],
        };
    }

    private static string Logical(IacOrigin origin) => origin.Property is null ? origin.Resource : $"{origin.Resource}.{origin.Property}";

    private static IEnumerable<ReportFact> Facts(IacCheckFinding finding)
    {
        foreach (var condition in finding.Conditions)
        {
            yield return new("conditions", condition);
        }

        foreach (var unknown in finding.Unknowns)
        {
            yield return new("unknowns", unknown);
        }

        if (finding.DecidedBy is { } decidedBy)
        {
            yield return new("decidedBy", decidedBy);
        }

        if (finding.Fix is { } fix)
        {
            yield return new("fixTarget", fix.Target.ToString());
            if (fix.Where is { } where)
            {
                yield return new("fixWhere", where.ToString());
            }

            yield return new("fixChange", fix.Change);
            if (fix.OnlyIf is { } onlyIf)
            {
                yield return new("fixOnlyIf", onlyIf);
            }

            if (fix.Policy is { } policy)
            {
                yield return new("fixPolicy", policy.ToJson(indented: false));
            }
        }
    }
}
