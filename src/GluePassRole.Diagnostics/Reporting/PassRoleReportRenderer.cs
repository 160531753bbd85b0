using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Reporting;

/// <summary>
/// Renders a <see cref="PassRoleReport"/> as plain text (a terminal), Markdown (a ticket or pull request) or JSON
/// (tools). The JSON is a documented public contract: camelCase, <c>schemaVersion</c> 1, fields only ever added.
/// </summary>
public static class PassRoleReportRenderer
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Renders the report for a terminal.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Plain text.</returns>
    public static string ToText(PassRoleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("iam:PassRole investigation");
        Field(text, "Principal", report.Principal);
        Field(text, "Role", report.Role);
        Field(text, "Service", report.Service);
        Field(text, "Account", report.Account);
        Field(text, "Glue job", report.GlueJob);
        text.AppendLine();
        text.Append("Verdict: ").Append(report.Decision).Append(" (").Append(CauseText(report.Cause)).AppendLine(")");
        if (report.Evaluation is { } evaluation)
        {
            text.Append("  ").AppendLine(evaluation.Explanation);
        }

        if (report.Blockers.Count > 0)
        {
            text.AppendLine().AppendLine("Blocked by:");
            foreach (var blocker in report.Blockers)
            {
                text.Append("  - ").AppendLine(BlockerText(blocker));
            }
        }

        if (report.MfaVariants is { } variants)
        {
            text.AppendLine().Append("MFA variants: ")
                .AppendLine(string.Join("; ", variants.Variants.Select(v => $"{v.Variant.Name}: {v.Decision}")));
        }

        if (report.Findings.Count > 0)
        {
            text.AppendLine().AppendLine("Findings:");
            foreach (var finding in report.Findings)
            {
                text.Append("  [").Append(finding.Severity).Append("] ").Append(finding.Code).Append(": ").AppendLine(finding.Message);
            }
        }

        if (report.Fix is { } fix)
        {
            text.AppendLine()
                .Append("Fix: inline policy ").Append(fix.PolicyName).Append(" on ").Append(fix.Target.Type.ToString().ToLowerInvariant()).Append(' ').AppendLine(fix.Target.Name);
            if (fix.Rationale is not null)
            {
                text.Append("  ").AppendLine(fix.Rationale);
            }

            text.AppendLine(Indent(fix.Document.ToJson(), "  "));
            text.AppendLine("  Apply it (this tool never changes your account):");
            text.Append("    ").AppendLine(fix.Command);
            foreach (var required in fix.AlsoRequired)
            {
                text.Append("  Also required: ").AppendLine(required);
            }

            foreach (var alternative in fix.Alternatives)
            {
                text.Append("  Alternative: ").AppendLine(alternative);
            }
        }

        if (report.Verification is { } verification)
        {
            text.AppendLine().Append("Verified: ").Append(verification.DecisionBeforeFix).Append(" -> ").Append(verification.DecisionAfterFix)
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
        md.AppendLine("# iam:PassRole investigation").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        Row(md, "Principal", report.Principal);
        Row(md, "Role", report.Role);
        Row(md, "Service", report.Service);
        Row(md, "Account", report.Account);
        Row(md, "Glue job", report.GlueJob);
        Row(md, "Verdict", $"**{report.Decision}** ({CauseText(report.Cause)})");
        md.AppendLine();
        if (report.Evaluation is { } evaluation)
        {
            md.AppendLine(evaluation.Explanation).AppendLine();
        }

        if (report.Blockers.Count > 0)
        {
            md.AppendLine("## Blocked by").AppendLine();
            foreach (var blocker in report.Blockers)
            {
                md.Append("- ").AppendLine(BlockerText(blocker));
            }

            md.AppendLine();
        }

        if (report.MfaVariants is { } variants)
        {
            md.AppendLine("## MFA variants").AppendLine().AppendLine("| Context | Decision |").AppendLine("|---|---|");
            foreach (var variant in variants.Variants)
            {
                md.Append("| ").Append(variant.Variant.Name).Append(" | ").Append(variant.Decision).AppendLine(" |");
            }

            md.AppendLine();
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
            md.AppendLine("## Least-privilege fix").AppendLine();
            md.Append("Inline policy `").Append(fix.PolicyName).Append("` on ").Append(fix.Target.Type.ToString().ToLowerInvariant()).Append(" `").Append(fix.Target.Name).AppendLine("`.");
            if (fix.Rationale is not null)
            {
                md.AppendLine().AppendLine(fix.Rationale);
            }

            md.AppendLine().AppendLine("```json").AppendLine(fix.Document.ToJson()).AppendLine("```").AppendLine();
            md.AppendLine("Apply it yourself (the tool never changes your account):").AppendLine();
            md.AppendLine("```bash").AppendLine(fix.Command).AppendLine("```").AppendLine();
            foreach (var required in fix.AlsoRequired)
            {
                md.Append("- Also required: ").AppendLine(required);
            }

            foreach (var alternative in fix.Alternatives)
            {
                md.Append("- Alternative: ").AppendLine(alternative);
            }
        }

        if (report.Verification is { } verification)
        {
            md.AppendLine().Append("**Verified:** ").Append(verification.DecisionBeforeFix).Append(" → ").Append(verification.DecisionAfterFix)
                .Append(". ").AppendLine(verification.Explanation);
        }

        return md.ToString();
    }

    /// <summary>Renders the report as the JSON contract (see the README: "The JSON report").</summary>
    /// <param name="report">The report.</param>
    /// <returns>JSON text.</returns>
    public static string ToJson(PassRoleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", PassRoleReport.SchemaVersion);
            json.WriteString("decision", report.Decision.ToString());
            json.WriteString("cause", report.Cause.ToString());
            json.WriteString("principal", report.Principal);
            json.WriteString("role", report.Role);
            json.WriteString("service", report.Service);
            json.WriteString("account", report.Account);
            json.WriteString("glueJob", report.GlueJob);

            json.WriteStartArray("blockers");
            foreach (var blocker in report.Blockers)
            {
                json.WriteStartObject();
                json.WriteString("policyType", blocker.PolicyType.ToString());
                json.WriteString("kind", blocker.Kind.ToString());
                json.WriteString("policy", blocker.Policy);
                json.WriteString("statement", blocker.Statement);
                WriteNullableNumber(json, "level", blocker.Level);
                json.WriteString("attachedTo", blocker.AttachedTo);
                json.WriteString("detail", blocker.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("code", finding.Code);
                json.WriteString("severity", finding.Severity.ToString());
                json.WriteString("message", finding.Message);
                json.WriteString("step", finding.Step);
                WriteStrings(json, "evidence", finding.Evidence);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            WriteEvaluation(json, report.Evaluation);

            json.WriteStartArray("mfaVariants");
            foreach (var variant in report.MfaVariants?.Variants ?? [])
            {
                json.WriteStartObject();
                json.WriteString("name", variant.Variant.Name);
                json.WriteString("decision", variant.Decision.ToString());
                json.WriteBoolean("changesDecision", variant.ChangesDecision);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            if (report.Fix is { } fix)
            {
                json.WriteStartObject("fix");
                json.WriteStartObject("target");
                json.WriteString("type", fix.Target.Type.ToString());
                json.WriteString("name", fix.Target.Name);
                json.WriteEndObject();
                json.WriteString("policyName", fix.PolicyName);
                json.WritePropertyName("document");
                using (var document = JsonDocument.Parse(fix.Document.ToJson(indented: false)))
                {
                    document.RootElement.WriteTo(json);
                }

                json.WriteString("command", fix.Command);
                json.WriteString("rationale", fix.Rationale);
                WriteStrings(json, "alternatives", fix.Alternatives);
                WriteStrings(json, "alsoRequired", fix.AlsoRequired);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("fix");
            }

            if (report.Verification is { } verification)
            {
                json.WriteStartObject("verification");
                json.WriteString("decisionBeforeFix", verification.DecisionBeforeFix.ToString());
                json.WriteString("decisionAfterFix", verification.DecisionAfterFix.ToString());
                json.WriteBoolean("fixWorks", verification.FixWorks);
                json.WriteString("explanation", verification.Explanation);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("verification");
            }

            json.WriteStartArray("steps");
            foreach (var step in report.Steps)
            {
                json.WriteStartObject();
                json.WriteString("name", step.Name);
                json.WriteString("outcome", step.Outcome.ToString());
                json.WriteNumber("durationMs", Math.Round(step.Duration.TotalMilliseconds, 3));
                json.WriteString("note", step.Note);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteEvaluation(Utf8JsonWriter json, EvaluationResult? evaluation)
    {
        if (evaluation is null)
        {
            json.WriteNull("evaluation");
            return;
        }

        json.WriteStartObject("evaluation");
        json.WriteString("decision", evaluation.Decision.ToString());
        json.WriteString("explanation", evaluation.Explanation);
        json.WriteStartObject("context");
        foreach (var (key, values) in evaluation.Request.Context)
        {
            WriteStrings(json, key, values);
        }

        json.WriteEndObject();
        if (evaluation.LayerLackingAllow is { } layer)
        {
            json.WriteStartObject("layerLackingAllow");
            json.WriteString("policyType", layer.PolicyType.ToString());
            WriteNullableNumber(json, "level", layer.Level);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("layerLackingAllow");
        }

        json.WriteStartArray("decidingStatements");
        foreach (var statement in evaluation.DecidingStatements)
        {
            json.WriteStartObject();
            json.WriteString("policyType", statement.PolicyType.ToString());
            json.WriteString("policy", statement.Policy.Source.Name);
            json.WriteString("source", statement.Policy.Source.Kind.ToString());
            json.WriteString("attachedTo", statement.Policy.Source.AttachedTo);
            json.WriteString("statement", statement.StatementLabel);
            json.WriteString("effect", statement.Statement.Effect.ToString());
            WriteNullableNumber(json, "level", statement.Level);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("misses");
        foreach (var miss in evaluation.Misses)
        {
            json.WriteStartObject();
            json.WriteString("policyType", miss.PolicyType.ToString());
            json.WriteString("policy", miss.Policy.Source.Name);
            json.WriteString("attachedTo", miss.Policy.Source.AttachedTo);
            json.WriteString("statement", miss.StatementLabel);
            json.WriteString("effect", miss.Statement.Effect.ToString());
            json.WriteString("element", miss.FailedElement.ToString());
            json.WriteString("reason", miss.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "missingContextKeys", evaluation.MissingContextKeys);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string CauseText(InvestigationCause cause) => cause switch
    {
        InvestigationCause.ExplicitDeny => "an explicit deny",
        InvestigationCause.NoAllow => "no policy allows it",
        InvestigationCause.Allowed => "already allowed",
        _ => "incomplete: some data could not be read",
    };

    private static string BlockerText(Blocker blocker) =>
        blocker.Kind == BlockerKind.ExplicitDeny
            ? string.Create(CultureInfo.InvariantCulture, $"explicit deny: statement {blocker.Statement} of {blocker.Policy} ({blocker.PolicyType}{(blocker.AttachedTo is null ? string.Empty : ", " + blocker.AttachedTo)}){(blocker.Detail is null ? string.Empty : ": " + blocker.Detail)}")
            : string.Create(CultureInfo.InvariantCulture, $"no allow ({blocker.PolicyType}{(blocker.Level is int level ? $", level {level}" : string.Empty)}): {blocker.Detail}");

    private static void Field(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append("  ").Append((name + ":").PadRight(11)).AppendLine(value);
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
