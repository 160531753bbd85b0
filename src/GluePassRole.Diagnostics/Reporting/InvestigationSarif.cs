using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary><c>investigate --format sarif</c>: the investigation's findings through the one SARIF mapping every command uses.</summary>
internal static class InvestigationSarif
{
    /// <summary>
    /// One result per finding, located at <paramref name="location"/> (the error file, the template or the snapshot the
    /// account was read from; <see langword="null"/> for a live account, whose results are at their subject as a logical
    /// location); the verdict, the principal and the role are run properties.
    /// </summary>
    public static SarifReport Create(PassRoleReport report, ReportLocation? location, string sourceRoot)
    {
        ArgumentNullException.ThrowIfNull(report);
        List<ReportFact> properties = [new("decision", report.Decision.ToString())];
        if (report.Principal is { } principal)
        {
            properties.Add(new("principal", principal));
        }

        if (report.Role is { } role)
        {
            properties.Add(new("role", role));
        }

        return new SarifReport([], [.. report.Findings.Select(f => f.ToReportFinding())])
        {
            SourceRoot = sourceRoot,
            DefaultLocation = location,
            Properties = properties,
        };
    }
}
