using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Investigation;

/// <summary>The investigation's findings in the form every report shares (<see cref="ReportFinding"/>).</summary>
public static class FindingReport
{
    /// <summary>An investigation severity on the shared scale (info is a note).</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The shared severity.</returns>
    public static ReportSeverity ToReportSeverity(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => ReportSeverity.Error,
        FindingSeverity.Warning => ReportSeverity.Warning,
        _ => ReportSeverity.Note,
    };

    /// <summary>
    /// The finding in the shared form: data that could not be read is undecided, a verdict or trust that holds only under
    /// circumstances is conditional, an info finding is information and the rest are problems; its subject is the first
    /// policy its evidence names (else the step that reported it); each fact of its <see cref="Finding.Evidence"/> is kept
    /// by name (policy, statement, element, context key, expected and actual values, missing permission, note).
    /// </summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The shared finding; it has no location (the report that writes it names the input).</returns>
    public static ReportFinding ToReportFinding(this Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var outcome = finding.Code switch
        {
            FindingCodes.UnreadableData => ReportOutcome.Undecided,
            FindingCodes.ConditionalVerdict or FindingCodes.RoleTrustConditional => ReportOutcome.Conditional,
            _ when finding.Severity == FindingSeverity.Info => ReportOutcome.Information,
            _ => ReportOutcome.Problem,
        };
        var subject = finding.Evidence.Select(e => e.Policy?.Name).OfType<string>().FirstOrDefault() ?? finding.Step ?? finding.Code;
        return new ReportFinding(finding.Code, finding.Severity.ToReportSeverity(), subject, finding.Message)
        {
            Outcome = outcome,
            Evidence = [.. finding.Evidence.SelectMany(Facts)],
        };
    }

    private static IEnumerable<ReportFact> Facts(Evidence evidence)
    {
        if (evidence.Policy is { } policy)
        {
            yield return new("policy", policy.ToString());
        }

        if (evidence.PolicyType is { } type)
        {
            yield return new("policyType", type.ToString());
        }

        if (evidence.Statement is { } statement)
        {
            yield return new("statement", statement);
        }

        if (evidence.Element is { } element)
        {
            yield return new("element", element.ToString());
        }

        if (evidence.ContextKey is { } key)
        {
            yield return new("contextKey", key);
        }

        foreach (var expected in evidence.Expected)
        {
            yield return new("expected", expected);
        }

        foreach (var actual in evidence.Actual)
        {
            yield return new("actual", actual);
        }

        if (evidence.MissingPermission is { } permission)
        {
            yield return new("missingPermission", permission);
        }

        if (evidence.Note is { } note)
        {
            yield return new("note", note);
        }
    }
}
