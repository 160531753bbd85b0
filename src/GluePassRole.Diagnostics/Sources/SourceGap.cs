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

    /// <summary>
    /// When the gap is one statement of a policy that was otherwise read, that statement as far as it is known;
    /// <see langword="null"/> when the gap may hold any statement (a policy, a list of policies, a principal not read).
    /// </summary>
    public UnknownStatement? Statement { get; init; }

    /// <summary>
    /// Whether what is missing could take part in the decision of a request for <paramref name="action"/> on
    /// <paramref name="resource"/>: always, unless the gap is one <see cref="Statement"/> that cannot match it.
    /// </summary>
    /// <param name="action">A concrete action, e.g. <c>iam:PassRole</c>.</param>
    /// <param name="resource">The resource ARN, or <see langword="null"/> for any resource.</param>
    /// <returns><see langword="false"/> only when the gap is a statement that cannot match the request.</returns>
    public bool CouldAffect(string action, string? resource = null) => Statement is null || Statement.CouldMatch(action, resource);

    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Error}";
}
