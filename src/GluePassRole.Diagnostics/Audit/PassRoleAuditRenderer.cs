using System.Globalization;
using System.Text;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Internal;
using GluePassRole.Diagnostics.Reporting;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// Renders a <see cref="PassRoleAuditReport"/> as text (summary first), Markdown with a Mermaid graph, the JSON contract
/// (<c>schemaVersion</c> 1, the account in every record so reports of many accounts merge) or SARIF 2.1.0 for code scanning.
/// </summary>
public static class PassRoleAuditRenderer
{
    /// <summary>Edges drawn in the Mermaid graph at most; the table below it always lists every grant.</summary>
    public const int MaxGraphEdges = 150;

    /// <summary>Renders the report for a terminal: counts, the escalation paths, the grants, the other findings, the unknowns.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Plain text.</returns>
    public static string ToText(PassRoleAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, $"PassRole audit of account {report.Account}");
        foreach (var line in Summary(report))
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

        Line(text, string.Empty);
        Line(text, report.Grants.Count == 0 ? "Grants: none" : "Grants (principal -> role: circumstances, run as, operations, granted by):");
        foreach (var grant in report.Grants)
        {
            Line(text, $"  {Short(grant.Principal)} -> {Short(grant.Role)}: {Circumstances(grant)}, "
                + $"{(grant.CanRunAsRole ? "runs as role via " + string.Join(", ", grant.RunOperations) : "cannot run code as it")}"
                + (grant.OtherOperations.Count > 0 ? "; " + Plural.Count(grant.OtherOperations.Count, "other role-taking operation") : string.Empty)
                + $"; by {string.Join(", ", grant.GrantedBy.Select(g => $"{g.Policy} {g.Statement} ({g.Via})"))}");
        }

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

        return text.ToString();
    }

    /// <summary>Renders the report for a ticket or pull request: summary, a Mermaid graph grouped by granting group or policy, tables.</summary>
    /// <param name="report">The report.</param>
    /// <returns>GitHub-flavoured Markdown.</returns>
    public static string ToMarkdown(PassRoleAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        Line(md, $"# PassRole audit of account {report.Account}");
        Line(md, string.Empty);
        foreach (var line in Summary(report))
        {
            Line(md, "- " + line);
        }

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

        if (report.Grants.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Who can pass which role to Glue");
            Line(md, string.Empty);
            Mermaid(md, report);
            Line(md, string.Empty);
            Line(md, "| Principal | Role | MFA required | Runs as role | Operations | Granted by | Only when |");
            Line(md, "| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var grant in report.Grants)
            {
                Line(md, $"| `{Short(grant.Principal)}` | `{Short(grant.Role)}` | {(grant.RequiresMfa ? "yes" : "no")} | {(grant.CanRunAsRole ? "**yes**" : "no")} | "
                    + $"{Escape(string.Join(", ", grant.RunOperations.Concat(grant.OtherOperations)))} | "
                    + $"{Escape(string.Join("; ", grant.GrantedBy.Select(g => $"{g.Policy} {g.Statement} ({g.Via})")))} | "
                    + $"{Escape(OnlyWhen(grant))} |");
            }
        }

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

        return md.ToString();
    }

    /// <summary>
    /// Renders the JSON contract: <c>{"schemaVersion":1, "source", "account", "grants":[...], "findings":[...], "unknowns":[...]}</c>,
    /// every record carrying <c>account</c>; <c>source</c> is <see cref="PassRoleAuditReport.Source"/> (null when not
    /// stated). camelCase; fields are only ever added.
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
            json.WriteStartObject("summary");
            json.WriteNumber("principals", report.PrincipalCount);
            json.WriteNumber("roles", report.RoleCount);
            json.WriteNumber("rolesTrustingGlue", report.TargetCount);
            json.WriteNumber("pairsDecided", report.PairsDecided);
            json.WriteEndObject();
            json.WriteStartArray("grants");
            foreach (var grant in report.Grants)
            {
                json.WriteStartObject();
                json.WriteString("account", grant.Account);
                json.WriteString("principal", grant.Principal);
                json.WriteString("role", grant.Role);
                json.WriteBoolean("requiresMfa", grant.RequiresMfa);
                json.WriteStartArray("conditions");
                foreach (var condition in grant.Conditions)
                {
                    json.WriteStartObject();
                    json.WriteString("key", condition.Key);
                    json.WriteString("description", condition.Description);
                    json.WriteString("scope", condition.Scope.ToString());
                    json.WriteNumber("alternative", condition.Alternative);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("verdict", grant.Verdict);
                json.WriteString("trustVerdict", grant.TrustVerdict);
                json.WriteBoolean("canRunAsRole", grant.CanRunAsRole);
                Strings(json, "runOperations", grant.RunOperations);
                Strings(json, "otherOperations", grant.OtherOperations);
                json.WriteStartArray("grantedBy");
                foreach (var source in grant.GrantedBy)
                {
                    json.WriteStartObject();
                    json.WriteString("policy", source.Policy);
                    json.WriteString("attachedTo", source.AttachedTo);
                    json.WriteString("statement", source.Statement);
                    json.WriteString("kind", source.Kind.ToString());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
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
    /// Renders the findings as a SARIF 2.1.0 log (the subset GitHub code scanning reads): one rule per finding code, one
    /// result per finding, located at <paramref name="artifactUri"/> with the principal and role as logical locations. The
    /// run's <c>source</c> property is <see cref="PassRoleAuditReport.Source"/>, when stated.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="artifactUri">The file the results point at, e.g. the snapshot's authorization-details file or the IaC that defines IAM.</param>
    /// <returns>SARIF JSON text.</returns>
    public static string ToSarif(PassRoleAuditReport report, string artifactUri = "get-account-authorization-details.json")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactUri);
        var rules = report.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var run = new SarifRun(
            [.. rules.Select(rule => new SarifRule(rule, RuleDescription(rule)) { DefaultLevel = Level(report.Findings.First(f => f.Code == rule).Severity) })],
            [.. report.Findings.Select(finding => new SarifResult(finding.Code, Level(finding.Severity), finding.Path ?? finding.Message)
            {
                RuleIndex = rules.IndexOf(finding.Code),
                Locations = [new SarifLocation(artifactUri) { LogicalNames = [.. new[] { finding.Principal, finding.Role, finding.Policy }.OfType<string>()], LogicalKind = "resource" }],
                PartialFingerprints = [SarifProperty.Of("passRoleAudit/v1", string.Join("|", finding.Account, finding.Code, finding.Principal, finding.Role, finding.Policy, finding.Statement))],
                Properties = [SarifProperty.Of("account", finding.Account)],
            })])
        {
            InformationUri = "https://github.com/GluePassRole/GluePassRole.Diagnostics",
            Properties = report.Source is { } source ? [SarifProperty.Of("source", source.ToString())] : [],
        };
        return SarifWriter.Write(run);
    }

    private static IEnumerable<string> Summary(PassRoleAuditReport report)
    {
        var runAs = report.Grants.Count(g => g.CanRunAsRole);
        var count = (string code) => report.Findings.Count(f => f.Code == code);
        yield return $"{Plural.Count(report.PrincipalCount, "principal")} (users, and roles as sessions), {Plural.Count(report.RoleCount, "role")}, "
            + Invariant($"{report.TargetCount} trusting Glue; ") + Plural.Count(report.PairsDecided, "pair decided", "pairs decided");
        var otherConditions = report.Grants.Count(g => g.IsConditional && !OnlyMfa(g));
        var other = otherConditions > 0 ? Invariant($", {otherConditions} only under other circumstances") : string.Empty;
        yield return Invariant($"{Plural.Count(report.Grants.Count, "grant")} to pass a role to Glue ({report.Grants.Count(g => g.RequiresMfa)} only with MFA{other}), {runAs} of them can run code as the role");
        yield return string.Join(", ",
            Plural.Count(count(AuditFindingCodes.Escalation), "escalation path"),
            Plural.Count(count(AuditFindingCodes.PassAnyRole), "principal that can pass any role", "principals that can pass any role"),
            Plural.Count(count(AuditFindingCodes.PassRoleWithoutPassedToService), "PassRole statement without iam:PassedToService", "PassRole statements without iam:PassedToService"),
            Plural.Count(count(AuditFindingCodes.DeadRole), "dead role"),
            Plural.Count(count(AuditFindingCodes.PassableRoleNotTrustingGlue), "passable role that does not trust Glue", "passable roles that do not trust Glue"));
        yield return Plural.Count(report.Unknowns.Count, "unknown");
    }

    /// <summary>principals → roles, principals grouped by the group, user or role their grant comes through, so the graph stays readable.</summary>
    private static void Mermaid(StringBuilder md, PassRoleAuditReport report)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string key) => ids.TryGetValue(key, out var id) ? id : ids[key] = "n" + ids.Count.ToString(CultureInfo.InvariantCulture);
        var grants = report.Grants.Take(MaxGraphEdges).ToList();
        var escalating = report.Findings.Where(f => f.Code == AuditFindingCodes.Escalation).Select(f => (f.Principal, f.Role)).ToHashSet();

        Line(md, "```mermaid");
        Line(md, "flowchart LR");
        foreach (var group in grants.GroupBy(g => g.GrantedBy.Count > 0 ? g.GrantedBy[0].Via + ": " + g.GrantedBy[0].Policy : "unattributed").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Line(md, $"  subgraph {Id("group:" + group.Key)}[\"{Label(group.Key)}\"]");
            foreach (var principal in group.Select(g => g.Principal).Distinct(StringComparer.Ordinal))
            {
                Line(md, $"    {Id(group.Key + "|" + principal)}[\"{Label(Short(principal))}\"]");
            }

            Line(md, "  end");
        }

        foreach (var role in grants.Select(g => g.Role).Distinct(StringComparer.Ordinal))
        {
            Line(md, $"  {Id("role:" + role)}([\"{Label(Short(role))}\"])");
        }

        foreach (var grant in grants)
        {
            var via = grant.GrantedBy.Count > 0 ? grant.GrantedBy[0].Via + ": " + grant.GrantedBy[0].Policy : "unattributed";
            var label = (grant.CanRunAsRole ? "runs as" : "passes") + (grant.RequiresMfa ? ", MFA" : string.Empty) + (grant.IsConditional && !OnlyMfa(grant) ? ", conditional" : string.Empty);
            var arrow = escalating.Contains((grant.Principal, grant.Role)) ? "==>" : "-->";
            Line(md, $"  {Id(via + "|" + grant.Principal)} {arrow}|{label}| {Id("role:" + grant.Role)}");
        }

        Line(md, "```");
        if (report.Grants.Count > grants.Count)
        {
            Line(md, string.Empty);
            Line(md, Invariant($"The graph shows the first {grants.Count} of {report.Grants.Count} grants; the table lists all."));
        }
    }

    /// <summary>"MFA required", "no MFA needed", or "only when ..." with the circumstances of the pass and of Glue's trust.</summary>
    private static string Circumstances(PassRoleGrant grant) => !grant.IsConditional ? "no MFA needed" : OnlyMfa(grant) ? "MFA required" : "only when " + OnlyWhen(grant);

    private static string OnlyWhen(PassRoleGrant grant) => Internal.GrantConditions.Text(grant);

    private static bool OnlyMfa(PassRoleGrant grant) => Internal.GrantConditions.OnlyMfa(grant);

    private static string RuleDescription(string code) => code switch
    {
        AuditFindingCodes.Escalation => "A principal can make Glue run its code as a role that holds permissions the principal lacks.",
        AuditFindingCodes.PassAnyRole => "A principal can pass any role of the account to Glue.",
        AuditFindingCodes.PassRoleWithoutPassedToService => "iam:PassRole is granted without an iam:PassedToService condition.",
        AuditFindingCodes.DeadRole => "A role trusts Glue but nobody can pass it to Glue.",
        AuditFindingCodes.PassableRoleNotTrustingGlue => "A principal can pass a role to Glue that does not trust Glue.",
        _ => code,
    };

    private static string Level(AuditSeverity severity) => severity switch
    {
        AuditSeverity.Error => "error",
        AuditSeverity.Warning => "warning",
        _ => "note",
    };

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
}
