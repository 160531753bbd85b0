using System.Globalization;
using System.Text;
using GluePassRole.Diagnostics.Policies.Internal;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>The text and Markdown of a report made per principal × role pair (<see cref="PassRoleAuditReport.PerPair"/>): 0.1's, unchanged.</summary>
public static partial class PassRoleAuditRenderer
{
    /// <summary>0.1's text: counts, the escalation paths, every grant, the other findings, the unknowns.</summary>
    private static string PairText(PassRoleAuditReport report)
    {
        var text = TextOpening(report, PairSummary(report));

        Line(text, string.Empty);
        Line(text, report.Grants.Count == 0 ? "Grants: none" : "Grants (principal -> role: circumstances, run as, operations, granted by):");
        foreach (var grant in report.Grants)
        {
            Line(text, $"  {Short(grant.Principal)} -> {Short(grant.Role)}: {Circumstances(grant)}, "
                + $"{(grant.CanRunAsRole ? "runs as role via " + string.Join(", ", grant.RunOperations) : "cannot run code as it")}"
                + (grant.OtherOperations.Count > 0 ? "; " + Plural.Count(grant.OtherOperations.Count, "other role-taking operation") : string.Empty)
                + $"; by {string.Join(", ", grant.GrantedBy.Select(g => $"{g.Policy} {g.Statement} ({g.Via})"))}");
        }

        FindingsAndUnknowns(text, report);

        return text.ToString();
    }

    /// <summary>0.1's Markdown: summary, a Mermaid graph grouped by granting group or policy, a table row per grant.</summary>
    private static string PairMarkdown(PassRoleAuditReport report)
    {
        var md = MarkdownOpening(report, PairSummary(report));

        if (report.Grants.Count > 0)
        {
            Line(md, string.Empty);
            Line(md, "## Who can pass which role to Glue");
            Line(md, string.Empty);
            PairMermaid(md, report);
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

        MarkdownFindingsAndUnknowns(md, report);

        return md.ToString();
    }


    private static IEnumerable<string> PairSummary(PassRoleAuditReport report)
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
    private static void PairMermaid(StringBuilder md, PassRoleAuditReport report)
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
}
