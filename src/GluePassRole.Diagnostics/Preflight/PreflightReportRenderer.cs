using System.Text;
using System.Text.Json;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>Renders a <see cref="GlueJobPreflightReport"/>: text and Markdown open with the checklist; JSON is the published contract.</summary>
public static class PreflightReportRenderer
{
    /// <summary>Renders the report as plain text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text.</returns>
    public static string ToText(GlueJobPreflightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("Preflight of Glue job ").Append(report.Job).Append(": ").AppendLine(Verdict(report));
        foreach (var need in report.Needs)
        {
            text.Append("  ").Append(Mark(need.Decision)).Append(' ').Append(need.Id).Append(": ").Append(need.Action).Append(" on ").Append(need.Resource)
                .Append(" -> ").AppendLine(need.Decision.ToString());
            text.Append("      ").AppendLine(need.Why);
            foreach (var line in Details(need))
            {
                text.Append("      ").AppendLine(line);
            }
        }

        text.AppendLine().Append("Principal: ").AppendLine(report.Principal ?? "unknown");
        text.Append("Role:      ").AppendLine(report.Role ?? "unknown");
        if (report.Unread.Count > 0)
        {
            text.AppendLine().AppendLine("Not read (needs that depend on it are Unknown, never assumed):");
            foreach (var item in report.Unread)
            {
                text.Append("  - ").AppendLine(item);
            }
        }

        foreach (var fix in report.Fixes)
        {
            text.AppendLine().Append("Fix: inline policy ").Append(fix.PolicyName).Append(" on ").Append(fix.Target);
            text.AppendLine(fix.Needs.Count == 0 ? string.Empty : $" (grants {string.Join(", ", fix.Needs)})");
            if (fix.Document is not null)
            {
                text.Append("    ").AppendLine(fix.Command);
                text.AppendLine(fix.Verified ? "  Verified by evaluating the needs again:" : "  Not verified: evaluated again, some need is still not allowed:");
                foreach (var line in fix.Verification)
                {
                    text.Append("    ").AppendLine(line);
                }
            }

            foreach (var also in fix.AlsoRequired)
            {
                text.Append("  Also required: ").AppendLine(also);
            }
        }

        return text.ToString();
    }

    /// <summary>Renders the report as Markdown.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The Markdown.</returns>
    public static string ToMarkdown(GlueJobPreflightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# Preflight of Glue job `").Append(report.Job).Append("`: ").AppendLine(Verdict(report)).AppendLine();
        foreach (var need in report.Needs)
        {
            md.Append("- [").Append(need.Passed ? 'x' : ' ').Append("] **").Append(need.Id).Append("** `").Append(need.Action).Append("` on `").Append(need.Resource)
                .Append("`: ").Append(need.Decision).Append(". ").AppendLine(need.Why);
            foreach (var line in Details(need))
            {
                md.Append("  - ").AppendLine(line);
            }
        }

        md.AppendLine().Append("Principal: `").Append(report.Principal ?? "unknown").AppendLine("`  ");
        md.Append("Role: `").Append(report.Role ?? "unknown").AppendLine("`");
        if (report.Unread.Count > 0)
        {
            md.AppendLine().AppendLine("## Not read").AppendLine().AppendLine("Needs that depend on these are Unknown, never assumed.").AppendLine();
            foreach (var item in report.Unread)
            {
                md.Append("- ").AppendLine(item);
            }
        }

        foreach (var fix in report.Fixes)
        {
            md.AppendLine().Append("## Fix: inline policy `").Append(fix.PolicyName).Append("` on ").AppendLine(fix.Target).AppendLine();
            if (fix.Document is not null)
            {
                md.AppendLine("```json").AppendLine(fix.Document.ToJson()).AppendLine("```").AppendLine();
                md.AppendLine("```bash").AppendLine(fix.Command).AppendLine("```").AppendLine();
                md.AppendLine(fix.Verified ? "Verified by evaluating the needs again:" : "Not verified: evaluated again, some need is still not allowed:").AppendLine();
                foreach (var line in fix.Verification)
                {
                    md.Append("- ").AppendLine(line);
                }
            }

            foreach (var also in fix.AlsoRequired)
            {
                md.Append("- Also required: ").AppendLine(also);
            }
        }

        return md.ToString();
    }

    /// <summary>Renders the report as the JSON contract (<c>docs/glue-preflight.schema.json</c>).</summary>
    /// <param name="report">The report.</param>
    /// <returns>JSON text.</returns>
    public static string ToJson(GlueJobPreflightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(PreflightDtoMapper.Map(report), PreflightJsonContext.Contract.PreflightDto) + "\n";
    }

    private static string Verdict(GlueJobPreflightReport report)
    {
        var failed = report.Needs.Count(n => n.Decision is NeedDecision.ImplicitDeny or NeedDecision.ExplicitDeny);
        var conditional = report.Needs.Count(n => n.Decision == NeedDecision.Conditional);
        var unknown = report.Needs.Count(n => n.Decision == NeedDecision.Unknown);
        if (report.AllPassed)
        {
            return $"all {report.Needs.Count} needs are allowed.";
        }

        var parts = new List<string>();
        if (failed > 0)
        {
            parts.Add($"{failed} denied");
        }

        if (conditional > 0)
        {
            parts.Add($"{conditional} conditional");
        }

        if (unknown > 0)
        {
            parts.Add($"{unknown} unknown");
        }

        return $"{report.Needs.Count(n => n.Passed)} of {report.Needs.Count} needs allowed; {string.Join(", ", parts)}.";
    }

    private static string Mark(NeedDecision decision) => decision switch
    {
        NeedDecision.Allowed => "[ok]  ",
        NeedDecision.Conditional => "[cond]",
        NeedDecision.Unknown => "[?]   ",
        _ => "[FAIL]",
    };

    private static IEnumerable<string> Details(PreflightNeed need)
    {
        foreach (var grant in need.GrantedBy)
        {
            yield return "granted by " + grant;
        }

        foreach (var blocker in need.Blockers)
        {
            yield return "blocked: " + blocker;
        }

        foreach (var condition in need.Conditions)
        {
            yield return "when: " + condition;
        }

        foreach (var item in need.Unread)
        {
            yield return "not read: " + item;
        }
    }
}
