using System.Globalization;
using System.Text;
using GluePassRole.Diagnostics.Audit.Internal;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>
/// The text and Markdown of a report grouped by cause (the default): a line per grant group and per finding, each with its
/// counts and first few names, so they grow with roles, groups and statements, not with principals × roles.
/// </summary>
public static partial class PassRoleAuditRenderer
{
    private static string CauseText(PassRoleAuditReport report)
    {
        var text = TextOpening(report, CauseSummary(report));

        Line(text, string.Empty);
        Line(text, report.GrantGroups.Count == 0
            ? "Grants: none"
            : "Grants, grouped by what grants them (granted by: principals -> roles: circumstances, run as, operations):");
        foreach (var group in report.GrantGroups)
        {
            Line(text, $"  {GrantedByText(group.GrantedBy)}: {AuditFindings.Names(group.Principals, "principal")} -> {AuditFindings.Names(group.Roles, "role")}: "
                + $"{Circumstances(group.RequiresMfa, group.Conditions)}, "
                + (group.CanRunAsRole ? "runs as role via " + string.Join(", ", group.RunOperations) : "cannot run code as it")
                + (group.OtherOperations.Count > 0 ? "; " + Plural.Count(group.OtherOperations.Count, "other role-taking operation") : string.Empty));
        }

        FindingsAndUnknowns(text, report);

        return text.ToString();
    }

    private static string CauseMarkdown(PassRoleAuditReport report)
    {
        var md = MarkdownOpening(report, CauseSummary(report));

        if (report.GrantGroups.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Who can pass which role to Glue");
            Line(md, string.Empty);
            CauseMermaid(md, report);
            Line(md, string.Empty);
            Line(md, "| Granted by | Principals | Roles | MFA required | Runs as role | Operations | Only when |");
            Line(md, "| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var group in report.GrantGroups)
            {
                Line(md, $"| {Escape(GrantedByText(group.GrantedBy))} | {Escape(AuditFindings.Names(group.Principals, "principal"))} | {Escape(AuditFindings.Names(group.Roles, "role"))} | "
                    + $"{(group.RequiresMfa ? "yes" : "no")} | {(group.CanRunAsRole ? "**yes**" : "no")} | "
                    + $"{Escape(string.Join(", ", group.RunOperations.Concat(group.OtherOperations)))} | "
                    + $"{Escape(GrantConditions.Circumstances(group.Conditions))} |");
            }
        }

        MarkdownFindingsAndUnknowns(md, report);

        return md.ToString();
    }

    /// <summary>The counts of <see cref="PairSummary"/>, of principals, roles and paths (not of findings), and how the report is grouped.</summary>
    private static IEnumerable<string> CauseSummary(PassRoleAuditReport report)
    {
        IEnumerable<AuditFinding> Of(string code) => report.Findings.Where(f => f.Code == code);
        var runAs = report.GrantGroups.Where(g => g.CanRunAsRole).Sum(g => g.GrantCount);
        var mfa = report.GrantGroups.Where(g => g.RequiresMfa).Sum(g => g.GrantCount);
        var otherConditions = report.GrantGroups.Where(g => g.IsConditional && !GrantConditions.OnlyMfa(g.RequiresMfa, g.Conditions)).Sum(g => g.GrantCount);
        yield return $"{Plural.Count(report.PrincipalCount, "principal")} (users, and roles as sessions), {Plural.Count(report.RoleCount, "role")}, "
            + Invariant($"{report.TargetCount} trusting Glue; ") + Plural.Count(report.PairsDecided, "pair decided", "pairs decided");
        var other = otherConditions > 0 ? Invariant($", {otherConditions} only under other circumstances") : string.Empty;
        yield return Invariant($"{Plural.Count(report.Grants.Count, "grant")} to pass a role to Glue ({mfa} only with MFA{other}), {runAs} of them can run code as the role");
        yield return string.Join(", ",
            Plural.Count(Of(AuditFindingCodes.Escalation).Sum(f => (long)f.Principals.Count * f.Roles.Count), "escalation path"),
            Plural.Count(Of(AuditFindingCodes.PassAnyRole).Sum(f => f.Principals.Count), "principal that can pass any role", "principals that can pass any role"),
            Plural.Count(Of(AuditFindingCodes.PassRoleWithoutPassedToService).Count(), "PassRole statement without iam:PassedToService", "PassRole statements without iam:PassedToService"),
            Plural.Count(Of(AuditFindingCodes.DeadRole).Sum(f => f.Roles.Count), "dead role"),
            Plural.Count(Of(AuditFindingCodes.PassableRoleNotTrustingGlue).SelectMany(f => f.Roles).Distinct(StringComparer.Ordinal).Count(), "passable role that does not trust Glue", "passable roles that do not trust Glue"));
        yield return Plural.Count(report.Unknowns.Count, "unknown");
        yield return $"grouped by cause: {Plural.Count(report.GrantGroups.Count, "grant group")}, {Plural.Count(report.Findings.Count, "finding")} "
            + $"(each with its counts and first {AuditFindings.FirstFew} names; the JSON lists every name, --pairs every principal × role pair)";
    }

    /// <summary>
    /// Grant groups → roles, the groups inside a subgraph per group, user or role their grant comes through; an edge is
    /// thick when some principal of the group escalates through that role.
    /// </summary>
    private static void CauseMermaid(StringBuilder md, PassRoleAuditReport report)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Id(string key) => ids.TryGetValue(key, out var id) ? id : ids[key] = "n" + ids.Count.ToString(CultureInfo.InvariantCulture);
        var escalating = report.Findings.Where(f => f.Code == AuditFindingCodes.Escalation)
            .SelectMany(f => f.Principals.SelectMany(p => f.Roles.Select(r => (p, r))))
            .ToHashSet();

        // The groups whose edges fit, in order.
        var edges = new List<(int Group, string Role)>();
        var shown = new List<PassRoleGrantGroup>();
        foreach (var group in report.GrantGroups)
        {
            if (edges.Count + group.Roles.Count > MaxGraphEdges && edges.Count > 0)
            {
                break;
            }

            shown.Add(group);
            edges.AddRange(group.Roles.Take(MaxGraphEdges - edges.Count).Select(r => (shown.Count - 1, r)));
        }

        Line(md, "```mermaid");
        Line(md, "flowchart LR");
        foreach (var via in shown.Select((g, i) => (Group: g, Index: i)).GroupBy(x => x.Group.GrantedBy.Count > 0 ? x.Group.GrantedBy[0].Via + ": " + x.Group.GrantedBy[0].Policy : "unattributed").OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Line(md, $"  subgraph {Id("via:" + via.Key)}[\"{Label(via.Key)}\"]");
            foreach (var (group, index) in via)
            {
                Line(md, $"    {Id("group:" + index.ToString(CultureInfo.InvariantCulture))}[\"{Label(AuditFindings.Names(group.Principals, "principal"))}\"]");
            }

            Line(md, "  end");
        }

        foreach (var role in edges.Select(e => e.Role).Distinct(StringComparer.Ordinal))
        {
            Line(md, $"  {Id("role:" + role)}([\"{Label(Short(role))}\"])");
        }

        foreach (var (index, role) in edges)
        {
            var group = shown[index];
            var label = (group.CanRunAsRole ? "runs as" : "passes") + (group.RequiresMfa ? ", MFA" : string.Empty)
                + (group.IsConditional && !GrantConditions.OnlyMfa(group.RequiresMfa, group.Conditions) ? ", conditional" : string.Empty);
            var arrow = group.Principals.Any(p => escalating.Contains((p, role))) ? "==>" : "-->";
            Line(md, $"  {Id("group:" + index.ToString(CultureInfo.InvariantCulture))} {arrow}|{label}| {Id("role:" + role)}");
        }

        Line(md, "```");
        var total = report.GrantGroups.Sum(g => g.Roles.Count);
        if (total > edges.Count)
        {
            Line(md, string.Empty);
            Line(md, Invariant($"The graph shows {edges.Count} of the {total} edges from grant groups to roles; the table lists every group."));
        }
    }

    /// <summary>"AWSGlueConsoleFullAccess #8 (group developers)", joined by ", "; "unattributed" when none.</summary>
    private static string GrantedByText(IReadOnlyList<GrantSource> sources) =>
        sources.Count == 0 ? "unattributed" : string.Join(", ", sources.Select(g => $"{g.Policy} {g.Statement} ({g.Via})"));

    private static string Circumstances(bool requiresMfa, IReadOnlyList<GrantCondition> conditions) =>
        conditions.Count == 0 ? "no MFA needed" : GrantConditions.OnlyMfa(requiresMfa, conditions) ? "MFA required" : "only when " + GrantConditions.Circumstances(conditions);
}
