using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>A part of a principal's policies that could not be read, so any decision that depends on it is incomplete.</summary>
/// <param name="PolicyType">Which kind of policy is missing (identity-based, permissions boundary, SCP...).</param>
/// <param name="Subject">What is missing, e.g. <c>inline policies of group GlueAccess</c>.</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record SourceGap(PolicyType PolicyType, string Subject, SourceError Error)
{
    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Error}";
}
