using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

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
    /// <summary>Other ways to get the same result, e.g. using a role that matches <c>AWSGlueServiceRole*</c>.</summary>
    public IReadOnlyList<FixAlternative> Alternatives { get; init; } = [];

    /// <summary>What else must change for the job to work (a boundary or SCP that also lacks the allow, the role's trust).</summary>
    public IReadOnlyList<RequiredChange> AlsoRequired { get; init; } = [];

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

/// <summary>Another way to the same result.</summary>
/// <param name="Kind">What kind of alternative it is.</param>
/// <param name="Description">The alternative, for people.</param>
public sealed record FixAlternative(FixAlternativeKind Kind, string Description)
{
    /// <summary>The policy that already allows it (for <see cref="FixAlternativeKind.UseMatchingRole"/>).</summary>
    public PolicySource? Policy { get; init; }

    /// <summary>The role pattern that policy allows, e.g. <c>role/AWSGlueServiceRole*</c>.</summary>
    public string? RolePattern { get; init; }

    /// <summary>The exact command, when there is one.</summary>
    public string? Command { get; init; }

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>The kinds of alternative fix.</summary>
public enum FixAlternativeKind
{
    /// <summary>Use a role whose name matches a pattern an existing policy already allows.</summary>
    UseMatchingRole,

    /// <summary>Put the statement in the IAM Identity Center permission set's inline policy.</summary>
    PermissionSetInlinePolicy,
}

/// <summary>Something else that must change for the fix to work.</summary>
/// <param name="Kind">What must change.</param>
/// <param name="Description">The change, for people.</param>
public sealed record RequiredChange(RequiredChangeKind Kind, string Description)
{
    /// <summary>The policy type that must change (boundary, SCP, session policy), when it is a policy.</summary>
    public PolicyType? PolicyType { get; init; }

    /// <summary>The organization level, for SCPs.</summary>
    public int? Level { get; init; }

    /// <summary>The policy and statement that still denies (for <see cref="RequiredChangeKind.RemoveDeny"/>).</summary>
    public Evidence? Statement { get; init; }

    /// <summary>The exact command, when there is one (e.g. <c>aws iam update-assume-role-policy</c>).</summary>
    public string? Command { get; init; }

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>The kinds of change a fix may also need.</summary>
public enum RequiredChangeKind
{
    /// <summary>The role's trust policy must let the service assume it.</summary>
    RoleTrust,

    /// <summary>A layer that must allow (boundary, SCP level, session policy) lacks the allow.</summary>
    LayerAllow,

    /// <summary>A deny statement still applies: no allow can override it.</summary>
    RemoveDeny,
}

/// <summary>The proof: the request re-evaluated with the fix applied.</summary>
/// <param name="DecisionBeforeFix">The decision without the fix (under the same context).</param>
/// <param name="DecisionAfterFix">The decision with the fix.</param>
/// <param name="Explanation">Why the fix is enough, or why not.</param>
public sealed record FixVerification(Decision DecisionBeforeFix, Decision DecisionAfterFix, string Explanation)
{
    /// <summary>Whether the fix turns the decision into Allowed.</summary>
    public bool FixWorks => DecisionAfterFix == Decision.Allowed;
}
