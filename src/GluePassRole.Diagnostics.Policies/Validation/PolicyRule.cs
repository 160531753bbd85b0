namespace GluePassRole.Diagnostics.Policies.Validation;

/// <summary>One policy check: its stable code, its kind, and why a finding of it matters.</summary>
/// <param name="Code">The stable identifier, e.g. <c>PassRoleOnAnyRole</c>; SARIF's <c>ruleId</c>.</param>
/// <param name="Kind">The kind of its findings.</param>
/// <param name="Title">A short name for lists.</param>
/// <param name="WhyItMatters">What goes wrong when the finding is ignored, and what to do instead.</param>
/// <param name="HelpUri">The AWS documentation page the check is based on.</param>
public sealed record PolicyRule(string Code, PolicyFindingKind Kind, string Title, string WhyItMatters, Uri HelpUri)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} ({Kind}): {Title}";
}
