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
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", PassRoleAuditReport.SchemaVersion);
            json.WriteString("source", report.Source?.ToString());
            json.WriteString("account", report.Account);
            json.WriteBoolean("perPair", report.PerPair);
            json.WriteStartObject("summary");
            json.WriteNumber("principals", report.PrincipalCount);
            json.WriteNumber("roles", report.RoleCount);
            json.WriteNumber("rolesTrustingGlue", report.TargetCount);
            json.WriteNumber("pairsDecided", report.PairsDecided);
            json.WriteNumber("grants", report.Grants.Count);
            json.WriteNumber("grantGroups", report.GrantGroups.Count);
            json.WriteEndObject();
            if (report.PerPair)
            {
                json.WriteStartArray("grants");
                foreach (var grant in report.Grants)
                {
                    json.WriteStartObject();
                    json.WriteString("account", grant.Account);
                    json.WriteString("principal", grant.Principal);
                    json.WriteString("role", grant.Role);
                    GrantFields(json, grant.RequiresMfa, grant.Conditions, grant.Verdict, grant.TrustVerdict, grant.CanRunAsRole, grant.RunOperations, grant.OtherOperations, grant.GrantedBy);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteStartArray("grantGroups");
                foreach (var group in report.GrantGroups)
                {
                    json.WriteStartObject();
                    json.WriteString("account", group.Account);
                    Strings(json, "principals", group.Principals);
                    Strings(json, "roles", group.Roles);
                    GrantFields(json, group.RequiresMfa, group.Conditions, group.Verdict, group.TrustVerdict, group.CanRunAsRole, group.RunOperations, group.OtherOperations, group.GrantedBy);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("account", finding.Account);
                json.WriteString("code", finding.Code);
                json.WriteString("severity", finding.Severity.ToString());
                json.WriteString("principal", finding.Principal);
                json.WriteString("role", finding.Role);
                json.WriteString("message", finding.Message);
                json.WriteString("path", finding.Path);
                json.WriteString("policy", finding.Policy);
                json.WriteString("statement", finding.Statement);
                Strings(json, "evidence", finding.Evidence);
                Strings(json, "principals", finding.Principals);
                Strings(json, "roles", finding.Roles);
                Sources(json, finding.GrantedBy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("unknowns");
            foreach (var unknown in report.Unknowns)
            {
                json.WriteStartObject();
                json.WriteString("account", unknown.Account);
                json.WriteString("subject", unknown.Subject);
                json.WriteString("principal", unknown.Principal);
                json.WriteString("role", unknown.Role);
                json.WriteString("reason", unknown.Reason);
                json.WriteString("missingPermission", unknown.MissingPermission);
                Strings(json, "allowedByReadPolicies", unknown.AllowedByReadPolicies);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
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

    /// <summary>What a grant and a grant group share: from <c>requiresMfa</c> to <c>grantedBy</c>.</summary>
    private static void GrantFields(
        Utf8JsonWriter json,
        bool requiresMfa,
        IReadOnlyList<GrantCondition> conditions,
        string verdict,
        string? trustVerdict,
        bool canRunAsRole,
        IReadOnlyList<string> runOperations,
        IReadOnlyList<string> otherOperations,
        IReadOnlyList<GrantSource> grantedBy)
    {
        json.WriteBoolean("requiresMfa", requiresMfa);
        json.WriteStartArray("conditions");
        foreach (var condition in conditions)
        {
            json.WriteStartObject();
            json.WriteString("key", condition.Key);
            json.WriteString("description", condition.Description);
            json.WriteString("scope", condition.Scope.ToString());
            json.WriteNumber("alternative", condition.Alternative);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("verdict", verdict);
        json.WriteString("trustVerdict", trustVerdict);
        json.WriteBoolean("canRunAsRole", canRunAsRole);
        Strings(json, "runOperations", runOperations);
        Strings(json, "otherOperations", otherOperations);
        Sources(json, grantedBy);
    }

    private static void Sources(Utf8JsonWriter json, IReadOnlyList<GrantSource> sources)
    {
        json.WriteStartArray("grantedBy");
        foreach (var source in sources)
        {
            json.WriteStartObject();
            json.WriteString("policy", source.Policy);
            json.WriteString("attachedTo", source.AttachedTo);
            json.WriteString("statement", source.Statement);
            json.WriteString("kind", source.Kind.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Short(string arn) => Internal.AuditRun.Short(arn);

    private static string Label(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

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
