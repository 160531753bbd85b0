using System.Globalization;
using System.Text;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Reporting;
using GluePassRole.Diagnostics.Reporting;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// Renders a <see cref="PassRoleAuditReport"/> as text (summary first), Markdown with a Mermaid graph, the JSON contract
/// (<c>schemaVersion</c> 1, the account in every record so reports of many accounts merge) or SARIF 2.1.0 for code scanning.
/// </summary>
public static partial class PassRoleAuditRenderer
{
    /// <summary>Edges drawn in the Mermaid graph at most; the table below it always lists every grant group (or grant).</summary>
    public const int MaxGraphEdges = 150;

    /// <summary>
    /// Renders the report for a terminal: counts, the escalation paths, the grants grouped by what grants them (or every
    /// grant, for a report made <see cref="PassRoleAuditReport.PerPair"/>), the other findings, the unknowns.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>Plain text.</returns>
    public static string ToText(PassRoleAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.PerPair ? PairText(report) : CauseText(report);
    }

    /// <summary>
    /// Renders the report for a ticket or pull request: summary, a Mermaid graph grouped by granting group or policy,
    /// tables (a row per grant group, or per grant for a report made <see cref="PassRoleAuditReport.PerPair"/>).
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>GitHub-flavoured Markdown.</returns>
    public static string ToMarkdown(PassRoleAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.PerPair ? PairMarkdown(report) : CauseMarkdown(report);
    }

    /// <summary>
    /// Renders the JSON contract: <c>{"schemaVersion":1, "source", "account", "perPair", "summary", "grantGroups":[...],
    /// "findings":[...], "unknowns":[...]}</c>, every record carrying <c>account</c>; <c>source</c> is
    /// <see cref="PassRoleAuditReport.Source"/> (null when not stated). A report made
    /// <see cref="PassRoleAuditReport.PerPair"/> has <c>"perPair": true</c> and every grant in <c>grants</c> instead of
    /// <c>grantGroups</c>, as 0.1 wrote it. Grant groups and findings list every principal and role they concern.
    /// camelCase; fields are only ever added.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>JSON text.</returns>
    public static string ToJson(PassRoleAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        WriteJson(report, buffer);

        // Decoded from the stream's own buffer: a large report is not copied once more.
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Writes the JSON contract of <see cref="ToJson"/> to <paramref name="utf8Json"/> as UTF-8, record by record: a report
    /// with hundreds of thousands of grants (<see cref="PassRoleAuditReport.PerPair"/>) is never held as one string.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="utf8Json">Where to write; left open.</param>
    public static void WriteJson(PassRoleAuditReport report, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, Internal.AuditDtoMapper.Map(report), Internal.AuditJsonContext.Contract.AuditDto);
        utf8Json.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Writes the JSON contract of <see cref="ToJson"/> to <paramref name="utf8Json"/> as UTF-8, record by record, flushing
    /// as it goes: a report with hundreds of thousands of grants (<see cref="PassRoleAuditReport.PerPair"/>) is never held
    /// as one string.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="utf8Json">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task that completes when the report is written.</returns>
    public static async Task WriteJsonAsync(PassRoleAuditReport report, Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(utf8Json);
        await JsonSerializer.SerializeAsync(utf8Json, Internal.AuditDtoMapper.Map(report), Internal.AuditJsonContext.Contract.AuditDto, cancellationToken).ConfigureAwait(false);
        await utf8Json.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Renders the findings as a SARIF 2.1.0 log through the mapping every command uses (the findings as
    /// <see cref="AuditFindingReport.ToReportFinding(AuditFinding)"/> gives them): one rule per finding code, one result per finding (per
    /// cause, or per pair for a report made <see cref="PassRoleAuditReport.PerPair"/>), located at
    /// <paramref name="artifactUri"/> (relative to <c>%SRCROOT%</c>, the current folder) with the finding's subject (its
    /// principal, else its role, else its policy) as logical location and its facts as properties; a finding grouped by
    /// cause keeps its fingerprint while principals join or leave it. What could not be read follows, one undecided
    /// <c>UnreadableData</c> result per <see cref="PassRoleAuditReport.Unknowns"/> entry. The run's <c>source</c> property
    /// is <see cref="PassRoleAuditReport.Source"/>, when stated.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="artifactUri">The file the results point at, a path relative to the current folder or absolute (written relative to it), e.g. the snapshot's authorization-details file or the IaC that defines IAM.</param>
    /// <returns>SARIF JSON text.</returns>
    public static string ToSarif(PassRoleAuditReport report, string artifactUri = "get-account-authorization-details.json")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactUri);
        return ReportSarif.Write(Sarif(report, new ReportLocation { File = artifactUri }, Environment.CurrentDirectory));
    }

    /// <summary>
    /// The audit's SARIF through the one mapping every command uses: one rule per finding code present, one result per
    /// finding located at <paramref name="location"/> (the file the account was read from; <see langword="null"/> for a live
    /// account, whose results are at their subject as a logical location) with the finding's subject as its logical location.
    /// </summary>
    internal static SarifReport Sarif(PassRoleAuditReport report, ReportLocation? location, string sourceRoot)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = report.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // What could not be read follows the findings, undecided (never a deny), under its own rule.
        return new SarifReport(
            [
                .. rules.Select(code => AuditFindingReport.Rule(code) with { DefaultSeverity = report.Findings.First(f => f.Code == code).Severity.ToReportSeverity() }),
                .. report.Unknowns.Count > 0 ? [AuditFindingReport.Rule(AuditFindingReport.UnreadableDataCode)] : Array.Empty<ReportRule>(),
            ],
            [.. report.Findings.Select(finding => finding.ToReportFinding()), .. report.Unknowns.Select(unknown => unknown.ToReportFinding())])
        {
            SourceRoot = sourceRoot,
            DefaultLocation = location,
            FingerprintName = "passRoleAudit/v1",
            Properties = report.Source is { } source ? [new ReportFact("source", source.ToString())] : [],
        };
    }

    /// <summary>"MFA required", "no MFA needed", or "only when ..." with the circumstances of the pass and of Glue's trust.</summary>
    private static string Circumstances(PassRoleGrant grant) => !grant.IsConditional ? "no MFA needed" : OnlyMfa(grant) ? "MFA required" : "only when " + OnlyWhen(grant);

    private static string OnlyWhen(PassRoleGrant grant) => Internal.GrantConditions.Text(grant);

    private static bool OnlyMfa(PassRoleGrant grant) => Internal.GrantConditions.OnlyMfa(grant);


    private static string Short(string arn) => Internal.AuditRun.Short(arn);

    private static string Label(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>The text report's opening (both layouts): the account, the layout's summary lines, the escalation paths.</summary>
    private static StringBuilder TextOpening(PassRoleAuditReport report, IEnumerable<string> summary)
    {
        var text = new StringBuilder();
        Line(text, $"PassRole audit of account {report.Account}");
        foreach (var line in summary)
        {
            Line(text, "  " + line);
        }

        var escalations = report.Findings.Where(f => f.Code == AuditFindingCodes.Escalation).ToList();
        Line(text, string.Empty);
        Line(text, escalations.Count == 0 ? "Escalation paths: none" : "Escalation paths:");
        foreach (var finding in escalations)
        {
            Line(text, $"  [Error] {finding.Path}");
        }

        return text;
    }

    /// <summary>The Markdown report's opening (both layouts): the account, the layout's summary lines, the escalation paths.</summary>
    private static StringBuilder MarkdownOpening(PassRoleAuditReport report, IEnumerable<string> summary)
    {
        var md = new StringBuilder();
        Line(md, $"# PassRole audit of account {report.Account}");
        Line(md, string.Empty);
        foreach (var line in summary)
        {
            Line(md, "- " + line);
        }

        EscalationList(md, report);
        return md;
    }

    /// <summary>The text report's findings other than escalation paths, and what could not be read (both layouts).</summary>
    private static void FindingsAndUnknowns(StringBuilder text, PassRoleAuditReport report)
    {
        var others = report.Findings.Where(f => f.Code != AuditFindingCodes.Escalation).ToList();
        if (others.Count > 0)
        {
            Line(text, string.Empty);
            Line(text, "Findings:");
            foreach (var finding in others)
            {
                Line(text, $"  [{finding.Severity}] {finding.Code}: {finding.Message}");
            }
        }

        if (report.Unknowns.Count > 0)
        {
            Line(text, string.Empty);
            Line(text, "Unknown (could not be read; never counted as denied):");
            foreach (var unknown in report.Unknowns)
            {
                Line(text, $"  {unknown.Subject}: {unknown.Reason}");
            }
        }
    }

    /// <summary>The Markdown report's findings other than escalation paths, and what could not be read (both layouts).</summary>
    private static void MarkdownFindingsAndUnknowns(StringBuilder md, PassRoleAuditReport report)
    {
        var others = report.Findings.Where(f => f.Code != AuditFindingCodes.Escalation).ToList();
        if (others.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Findings");
            Line(md, string.Empty);
            Line(md, "| Severity | Code | Message |");
            Line(md, "| --- | --- | --- |");
            foreach (var finding in others)
            {
                Line(md, $"| {finding.Severity} | {finding.Code} | {Escape(finding.Message)} |");
            }
        }

        if (report.Unknowns.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Unknown (could not be read; never counted as denied)");
            Line(md, string.Empty);
            foreach (var unknown in report.Unknowns)
            {
                Line(md, $"- **{Escape(unknown.Subject)}**: {Escape(unknown.Reason)}");
            }
        }
    }

    /// <summary>The Markdown report's escalation paths section (both layouts).</summary>
    private static void EscalationList(StringBuilder md, PassRoleAuditReport report)
    {
        var escalations = report.Findings.Where(f => f.Code == AuditFindingCodes.Escalation).ToList();
        if (escalations.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Escalation paths");
            Line(md, string.Empty);
            foreach (var finding in escalations)
            {
                Line(md, $"- {Escape(finding.Path ?? finding.Message)}");
            }
        }
    }
}
