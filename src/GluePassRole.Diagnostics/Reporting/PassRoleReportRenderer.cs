using System.Globalization;
using System.Text;
using System.Text.Json;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Policies.Internal;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary>
/// Renders a <see cref="PassRoleReport"/> as plain text (a terminal), Markdown (a ticket or pull request) or JSON
/// (tools). The JSON is a documented public contract: camelCase, <c>schemaVersion</c> 1, fields only ever added.
/// </summary>
public static class PassRoleReportRenderer
{
    /// <summary>Renders the report for a terminal.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Plain text.</returns>
    public static string ToText(PassRoleReport report) => ToText(report, static (line, _) => line);

    /// <summary>Renders the report for a terminal, styling the verdict line from the decision (the CLI colours it).</summary>
    internal static string ToText(PassRoleReport report, Func<string, Decision, string> styleVerdict)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(report.Action ?? "iam:PassRole").AppendLine(" investigation");
        Field(text, "Principal", report.Principal);
        if (report.Action is null)
        {
            Field(text, "Role", report.Role);
            Field(text, "Service", report.Service);
        }
        else
        {
            Field(text, "Resource", report.Resource);
        }

        Field(text, "Account", report.Account);
        Field(text, GlueLabel(report), report.GlueJob);
        if (report.Checks.Count > 0)
        {
            text.AppendLine().AppendLine("Checklist:");
            foreach (var check in report.Checks)
            {
                var mark = $"[{OutcomeText(check.Outcome)}]".PadRight(10);
                text.Append("  ").Append(mark).Append(check.Title).Append(": ").AppendLine(check.Summary);
                foreach (var detail in check.Details)
                {
                    text.Append("            - ").AppendLine(detail);
                }
            }
        }

        text.AppendLine();
        text.AppendLine(styleVerdict($"Verdict: {report.Decision} ({CauseText(report.Decision)})", report.Decision));
        if (report.Evaluation is { } evaluation)
        {
            text.Append("  ").Append(ReadPoliciesOnly(report) ? "With the policies that could be read: " : string.Empty).AppendLine(evaluation.Explanation);
        }

        if (Incomplete(report))
        {
            // Unknown: what is known, layer by layer, and what is missing, before anything that looks like a conclusion.
            text.AppendLine().AppendLine("What is known (the policies that were read):");
            foreach (var layer in report.Evaluation?.Layers ?? [])
            {
                text.Append("  - ").AppendLine(LayerText(layer));
            }

            text.AppendLine().AppendLine("Not read:");
            foreach (var gap in report.Unread)
            {
                text.Append("  - ").AppendLine(GapText(gap));
            }
        }

        if (report.Blockers.Count > 0)
        {
            text.AppendLine().AppendLine(Incomplete(report) ? "Blocked, in the policies that were read, by:" : "Blocked by:");
            foreach (var blocker in report.Blockers)
            {
                text.Append("  - ").AppendLine(BlockerText(blocker));
            }
        }

        // Decisions stated Unknown below (unread policies could change them) get one line saying why.
        var unknownShown = false;
        if (report.MfaVariants is { } variants)
        {
            text.AppendLine().Append("MFA variants: ")
                .AppendLine(string.Join("; ", Variants(report, variants).Select(v => $"{v.Stated.Variant.Name}: {PartialData.Describe(v.Stated.Decision, v.ByReadPolicies)}")));
            unknownShown = Variants(report, variants).Any(v => v.Stated.Decision != v.ByReadPolicies);
        }

        // MFA alone is already in the MFA variants above. Whether the decision depends on the circumstances is the read policies' to say.
        if (report.Circumstances is { } circumstances
            && (report.CircumstancesByReadPolicies ?? circumstances) is { IsConditional: true, Space.IsEmpty: false } byReadPolicies
            && !circumstances.Space.Keys.All(k => string.Equals(k, ContextVariants.MultiFactorAuthPresentKey, StringComparison.OrdinalIgnoreCase)))
        {
            var qualified = !circumstances.Outcomes.Select(o => o.Decision).SequenceEqual(byReadPolicies.Outcomes.Select(o => o.Decision));
            text.AppendLine().Append("Circumstances: ").Append(circumstances.Describe())
                .AppendLine(qualified ? $" (by the policies that were read: {byReadPolicies.Describe()})" : string.Empty);
            unknownShown |= qualified;
        }

        if (unknownShown && PartialData.Reason(report.Unread) is { } why)
        {
            text.Append("  Unknown: ").Append(why).AppendLine(".");
        }

        if (report.Findings.Count > 0)
        {
            text.AppendLine().AppendLine("Findings:");
            foreach (var finding in report.Findings)
            {
                text.Append("  [").Append(finding.Severity).Append("] ").Append(finding.Code).Append(": ").AppendLine(finding.Message);
            }

            text.Append("  (").Append(Plural.Count(report.Findings.Count, "finding")).AppendLine(")");
        }

        if (report.Fix is { } fix)
        {
            text.AppendLine()
                .Append(Incomplete(report) ? "Fix, if the unread policies do not deny it: " : "Fix: ").AppendLine(fix.Summary);
            if (fix.Rationale is not null)
            {
                text.Append("  ").AppendLine(fix.Rationale);
            }

            text.AppendLine(Indent(fix.Document.ToJson(), "  "));
            if (fix.TemplateChange is { } change)
            {
                // The target is the IaC's own: the change goes into its source, not onto the deployed account.
                text.Append("  Change the ").Append(SourceWord(change)).Append(" (this tool never changes your account): ").Append(change.Description).Append(", at ").Append(change.Where).AppendLine(":");
                text.AppendLine(Indent(change.Snippet.TrimEnd(), "    "));
            }
            else
            {
                text.AppendLine("  Apply it (this tool never changes your account):");
                text.Append("    ").AppendLine(fix.Command);
            }

            foreach (var required in fix.AlsoRequired)
            {
                text.Append("  Also required: ").AppendLine(required.Description + (required.TemplateChange is null ? string.Empty : ":"));
                if (required.TemplateChange is { } requiredChange)
                {
                    text.AppendLine(Indent(requiredChange.Snippet.TrimEnd(), "    "));
                }
            }

            foreach (var alternative in fix.Alternatives)
            {
                text.Append("  Alternative: ").AppendLine(alternative.Description);
            }
        }

        else if (report.Steps.FirstOrDefault(s => s.Name == InvestigationSteps.PlanFix) is { Outcome: StepOutcome.Skipped, Note: { } noFix })
        {
            text.AppendLine().Append("No fix: ").AppendLine(noFix);
        }

        if (report.Verification is { } verification)
        {
            text.AppendLine().Append(VerificationLabel(verification)).Append(": ").Append(verification.DecisionBeforeFix).Append(" -> ").Append(verification.DecisionAfterFix)
                .Append(". ").AppendLine(verification.Explanation);
        }

        return text.ToString();
    }

    /// <summary>Renders the report as Markdown.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Markdown.</returns>
    public static string ToMarkdown(PassRoleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# ").Append(report.Action ?? "iam:PassRole").AppendLine(" investigation").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        Row(md, "Principal", report.Principal);
        if (report.Action is null)
        {
            Row(md, "Role", report.Role);
            Row(md, "Service", report.Service);
        }
        else
        {
            Row(md, "Resource", report.Resource);
        }

        Row(md, "Account", report.Account);
        Row(md, GlueLabel(report), report.GlueJob);
        Row(md, "Verdict", $"**{report.Decision}** ({CauseText(report.Decision)})");
        md.AppendLine();
        if (report.Checks.Count > 0)
        {
            md.AppendLine("## Checklist").AppendLine().AppendLine("| Check | Outcome | |").AppendLine("|---|---|---|");
            foreach (var check in report.Checks)
            {
                var details = check.Details.Count == 0 ? string.Empty : "<br>" + string.Join("<br>", check.Details.Select(d => "• " + Cell(d)));
                md.Append("| ").Append(check.Title).Append(" | ").Append(OutcomeText(check.Outcome)).Append(" | ").Append(Cell(check.Summary)).Append(details).AppendLine(" |");
            }

            md.AppendLine();
        }

        if (report.Evaluation is { } evaluation)
        {
            md.Append(ReadPoliciesOnly(report) ? "With the policies that could be read: " : string.Empty).AppendLine(evaluation.Explanation).AppendLine();
        }

        if (Incomplete(report))
        {
            md.AppendLine("## What is known (the policies that were read)").AppendLine();
            foreach (var layer in report.Evaluation?.Layers ?? [])
            {
                md.Append("- ").AppendLine(LayerText(layer));
            }

            md.AppendLine().AppendLine("## Not read").AppendLine();
            foreach (var gap in report.Unread)
            {
                md.Append("- ").AppendLine(GapText(gap));
            }

            md.AppendLine();
        }

        if (report.Blockers.Count > 0)
        {
            md.AppendLine(Incomplete(report) ? "## Blocked, in the policies that were read, by" : "## Blocked by").AppendLine();
            foreach (var blocker in report.Blockers)
            {
                md.Append("- ").AppendLine(BlockerText(blocker));
            }

            md.AppendLine();
        }

        if (report.MfaVariants is { } variants)
        {
            md.AppendLine("## MFA variants").AppendLine().AppendLine("| Context | Decision |").AppendLine("|---|---|");
            foreach (var (variant, byReadPolicies) in Variants(report, variants))
            {
                md.Append("| ").Append(variant.Variant.Name).Append(" | ").Append(PartialData.Describe(variant.Decision, byReadPolicies)).AppendLine(" |");
            }

            md.AppendLine();
            if (Variants(report, variants).Any(v => v.Stated.Decision != v.ByReadPolicies) && PartialData.Reason(report.Unread) is { } why)
            {
                md.Append("Unknown: ").Append(why).AppendLine(".").AppendLine();
            }
        }

        if (report.Findings.Count > 0)
        {
            md.AppendLine("## Findings").AppendLine();
            foreach (var finding in report.Findings)
            {
                md.Append("- **").Append(finding.Code).Append("** (").Append(finding.Severity).Append("): ").AppendLine(finding.Message);
            }

            md.AppendLine();
        }

        if (report.Fix is { } fix)
        {
            md.AppendLine(Incomplete(report) ? "## Least-privilege fix, if the unread policies do not deny it" : "## Least-privilege fix").AppendLine();
            var summary = fix.Describe(static name => $"`{name}`");
            md.Append(char.ToUpperInvariant(summary[0])).Append(summary.AsSpan(1)).AppendLine(".");
            if (fix.Rationale is not null)
            {
                md.AppendLine().AppendLine(fix.Rationale);
            }

            md.AppendLine().AppendLine("```json").AppendLine(fix.Document.ToJson()).AppendLine("```").AppendLine();
            if (fix.TemplateChange is { } change)
            {
                md.Append("Change the ").Append(SourceWord(change)).Append(" yourself (the tool never changes your account): ").Append(change.Description).Append(", at `").Append(change.Where).AppendLine("`:").AppendLine();
                md.Append("```").AppendLine(change.Format.ToString().ToLowerInvariant()).AppendLine(change.Snippet.TrimEnd()).AppendLine("```").AppendLine();
            }
            else
            {
                md.AppendLine("Apply it yourself (the tool never changes your account):").AppendLine();
                md.AppendLine("```bash").AppendLine(fix.Command).AppendLine("```").AppendLine();
            }

            foreach (var required in fix.AlsoRequired)
            {
                md.Append("- Also required: ").AppendLine(required.Description + (required.TemplateChange is null ? string.Empty : ":"));
                if (required.TemplateChange is { } requiredChange)
                {
                    md.AppendLine().Append("  ```").AppendLine(requiredChange.Format.ToString().ToLowerInvariant())
                        .AppendLine(Indent(requiredChange.Snippet.TrimEnd(), "  ")).AppendLine("  ```");
                }
            }

            foreach (var alternative in fix.Alternatives)
            {
                md.Append("- Alternative: ").AppendLine(alternative.Description);
            }
        }

        if (report.Verification is { } verification)
        {
            md.AppendLine().Append("**").Append(VerificationLabel(verification)).Append(":** ").Append(verification.DecisionBeforeFix).Append(" → ").Append(verification.DecisionAfterFix)
                .Append(". ").AppendLine(verification.Explanation);
        }

        return md.ToString();
    }

    /// <summary>Renders the report as the JSON contract (see the README: "The JSON report", and <c>docs/passrole-report.schema.json</c>).</summary>
    /// <param name="report">The report.</param>
    /// <returns>JSON text.</returns>
    public static string ToJson(PassRoleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(ReportDtoMapper.Map(report), ReportJsonContext.Contract.ReportDto);
    }

    /// <summary>What a template change is made to, in a word: the template, or the Terraform configuration.</summary>
    private static string SourceWord(Fixes.TemplateChange change) => change.Format == Fixes.TemplateChangeFormat.Hcl ? "Terraform configuration" : "template";

    private static string CauseText(Decision decision) => decision switch
    {
        Decision.ExplicitDeny => "an explicit deny",
        Decision.ImplicitDeny => "no policy allows it",
        Decision.Allowed => "already allowed",
        _ => "incomplete: some data could not be read",
    };

    private static string OutcomeText(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "FAILED",
        CheckOutcome.Skipped => "skipped",
        CheckOutcome.Conditional => "passed if",
        _ => "unknown",
    };

    /// <summary>Each MFA variant as stated, with its decision by the policies that were read.</summary>
    private static IEnumerable<(VariantDecision Stated, Decision ByReadPolicies)> Variants(PassRoleReport report, WhatIfResult variants) =>
        variants.Variants.Select((v, i) => (v, report.MfaVariantsByReadPolicies?.Variants.ElementAtOrDefault(i)?.Decision ?? v.Decision));

    /// <summary>Unknown with something unread: the report must not read as a conclusion.</summary>
    private static bool Incomplete(PassRoleReport report) => report.Decision == Decision.Unknown && report.Unread.Count > 0;

    /// <summary>The evaluation covers only what was read: the verdict is unknown, or it rests on the error's word for a layer.</summary>
    private static bool ReadPoliciesOnly(PassRoleReport report) => Incomplete(report) || report.Blockers.Any(b => b.Basis == BlockerBasis.ErrorText);

    private static string VerificationLabel(Fixes.FixVerification verification) => verification.DecisionAfterFix switch
    {
        Decision.Allowed => "Verified",
        Decision.Unknown => "Not verified",
        _ => "Not enough",
    };

    private static string LayerText(LayerOutcome layer) => layer.Name + ": " + layer.Status switch
    {
        LayerStatus.Allows => "allows it",
        LayerStatus.Denies => "denies it explicitly",
        LayerStatus.NoAllow => "no statement allows it",
        _ => "none applies",
    } + (layer.Reason is null ? string.Empty : $" ({layer.Reason})");

    private static string GapText(Sources.SourceGap gap) =>
        $"{gap.Subject}: {gap.Error.Message}{(gap.Error.MissingPermission is null ? string.Empty : $" (reading it needs {gap.Error.MissingPermission})")}";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string BlockerText(Blocker blocker) =>
        blocker.Basis == BlockerBasis.ErrorText
            ? $"{(blocker.Kind == BlockerKind.ExplicitDeny ? "explicit deny" : "no allow")} ({blocker.PolicyType}, from the error text): {blocker.Policy}: {blocker.Detail}"
            : blocker.Kind == BlockerKind.ExplicitDeny
            ? string.Create(CultureInfo.InvariantCulture, $"explicit deny: statement {blocker.Statement} of {blocker.Policy} ({blocker.PolicyType}{(blocker.AttachedTo is null ? string.Empty : ", " + blocker.AttachedTo)}){(blocker.Detail is null ? string.Empty : ": " + blocker.Detail)}")
            : string.Create(CultureInfo.InvariantCulture, $"no allow ({blocker.PolicyType}{(blocker.Level is int level ? $", level {level}" : string.Empty)}): {blocker.Detail}");

    /// <summary>"Glue job", or the kind of Glue resource <c>--job</c> found ("Glue crawler", "Glue dev endpoint", ...).</summary>
    private static string GlueLabel(PassRoleReport report) => $"Glue {(report.GlueResourceKind ?? GlueResourceKind.Job).Word()}";

    private static void Field(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append("  ").Append((name + ":").PadRight(Math.Max(11, name.Length + 2))).AppendLine(value);
        }
    }

    private static void Row(StringBuilder md, string name, string? value)
    {
        if (value is not null)
        {
            md.Append("| ").Append(name).Append(" | ").Append(value).AppendLine(" |");
        }
    }

    private static string Indent(string text, string prefix) => string.Join("\n", text.Split('\n').Select(line => prefix + line));
}
