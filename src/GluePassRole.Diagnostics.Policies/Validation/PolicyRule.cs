using GluePassRole.Diagnostics.Policies.Reporting;

namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>One policy check: its stable code, its kind, and why a finding of it matters.</summary>
/// <param name="Code">The stable identifier, e.g. <c>PassRoleOnAnyRole</c>; SARIF's <c>ruleId</c>.</param>
/// <param name="Kind">The kind of its findings.</param>
/// <param name="Title">A short name for lists.</param>
/// <param name="WhyItMatters">What goes wrong when the finding is ignored, and what to do instead.</param>
/// <param name="HelpUri">The AWS documentation page the check is based on.</param>
public sealed record PolicyRule(string Code, PolicyFindingKind Kind, string Title, string WhyItMatters, Uri HelpUri)
{
    /// <summary>The rule in the form every report shares, tagged <c>security</c> when its findings are security warnings.</summary>
    /// <returns>The rule.</returns>
    public ReportRule ToReportRule() => new(Code, Title)
    {
        Description = WhyItMatters,
        HelpUri = HelpUri,
        DefaultSeverity = PolicyFinding.Severity(Kind),
        Tags = Kind == PolicyFindingKind.SecurityWarning ? ["security"] : [],
        Properties = [new("kind", Kind.ToString())],
    };

    /// <inheritdoc />
    public override string ToString() => $"{Code} ({Kind}): {Title}";
}
