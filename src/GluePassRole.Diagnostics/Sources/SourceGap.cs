using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Sources;

/// <summary>A part of a principal's policies that could not be read, so any decision that depends on it is incomplete.</summary>
/// <param name="PolicyType">Which kind of policy is missing (identity-based, permissions boundary, SCP...).</param>
/// <param name="Subject">What is missing, e.g. <c>inline policies of group GlueAccess</c>.</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record SourceGap(PolicyType PolicyType, string Subject, SourceError Error)
{
    /// <summary>
    /// The kind of IAM identity whose own policies are missing (a user's, a group's or a role's inline or attached
    /// policies), else <see langword="null"/>. <see cref="IamEntityKind.Group"/> with no <see cref="OwnerName"/> means
    /// a user's groups could not be listed, so which groups' policies are missing is unknown.
    /// </summary>
    public IamEntityKind? OwnerKind { get; init; }

    /// <summary>The name of that user, group or role, when known.</summary>
    public string? OwnerName { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Error}";
}
