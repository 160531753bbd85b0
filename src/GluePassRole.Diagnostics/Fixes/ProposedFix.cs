using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>
/// The least-privilege fix: one <c>iam:PassRole</c> allow on exactly the role, only when passed to the service,
/// attached where the principal's Glue access comes from. Proposed, never applied.
/// </summary>
/// <param name="Target">Where to attach the policy.</param>
/// <param name="PolicyName">The inline policy's stable name.</param>
/// <param name="Document">The policy document.</param>
/// <param name="Command">The exact AWS CLI command that applies it.</param>
public sealed record ProposedFix(FixTarget Target, string PolicyName, PolicyDocument Document, string Command)
{
    /// <summary>Other ways to get the same result, e.g. naming the role <c>AWSGlueServiceRole*</c>.</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>What else must change for the fix to work (a boundary or SCP that also lacks the allow).</summary>
    public IReadOnlyList<string> AlsoRequired { get; init; } = [];

    /// <summary>Why this target was chosen.</summary>
    public string? Rationale { get; init; }
}

/// <summary>The IAM identity a fix is attached to.</summary>
/// <param name="Type">Group, user or role.</param>
/// <param name="Name">Its name.</param>
public sealed record FixTarget(FixTargetType Type, string Name);

/// <summary>The kind of IAM identity a fix is attached to.</summary>
public enum FixTargetType
{
    /// <summary>An IAM group (<c>aws iam put-group-policy</c>).</summary>
    Group,

    /// <summary>An IAM user (<c>aws iam put-user-policy</c>).</summary>
    User,

    /// <summary>An IAM role (<c>aws iam put-role-policy</c>).</summary>
    Role,
}

/// <summary>The proof: the request re-evaluated with the fix applied.</summary>
/// <param name="DecisionBeforeFix">The decision without the fix (under the same context).</param>
/// <param name="DecisionAfterFix">The decision with the fix.</param>
/// <param name="Explanation">Why the fix is enough, or why not.</param>
public sealed record FixVerification(Policies.Evaluation.Decision DecisionBeforeFix, Policies.Evaluation.Decision DecisionAfterFix, string Explanation)
{
    /// <summary>Whether the fix turns the decision into Allowed.</summary>
    public bool FixWorks => DecisionAfterFix == Policies.Evaluation.Decision.Allowed;
}
