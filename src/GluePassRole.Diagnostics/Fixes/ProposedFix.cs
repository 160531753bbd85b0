using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Fixes;

/// <summary>
/// The least-privilege fix: one <c>iam:PassRole</c> allow on exactly the role, only when passed to the service,
/// attached where the principal's Glue access comes from, or added to the policy that lacks it (a permissions
/// boundary, an IAM Identity Center permission set). Proposed, never applied.
/// </summary>
/// <param name="Target">Where the statement goes.</param>
/// <param name="PolicyName">
/// The name of the policy written: the inline policy's stable name; for <see cref="FixTargetType.PermissionsBoundary"/>
/// the boundary's managed policy name; for <see cref="FixTargetType.PermissionSet"/> <c>AwsSSOInlinePolicy</c>, the name
/// Identity Center gives a permission set's inline policy on the roles it provisions.
/// </param>
/// <param name="Document">
/// The whole document the command writes: the inline policy; for a boundary, its current default version plus the
/// statement; for a permission set, its inline policy as provisioned on the role plus the statement.
/// </param>
/// <param name="Command">The exact AWS CLI command (or commands, joined by <c>&amp;&amp;</c>) that applies it.</param>
public sealed record ProposedFix(FixTarget Target, string PolicyName, PolicyDocument Document, string Command)
{
    /// <summary>Other ways to get the same result, e.g. using a role that matches <c>AWSGlueServiceRole*</c>.</summary>
    public IReadOnlyList<FixAlternative> Alternatives { get; init; } = [];

    /// <summary>What else must change for the job to work (a boundary or SCP that also lacks the allow, the role's trust).</summary>
    public IReadOnlyList<RequiredChange> AlsoRequired { get; init; } = [];

    /// <summary>Why this target was chosen.</summary>
    public string? Rationale { get; init; }

    /// <summary>
    /// When the target is defined by the infrastructure-as-code the account was read from (a template, a CDK cloud
    /// assembly, a Terraform plan): the change to make there instead of <see cref="Command"/>, which would only drift the
    /// deployed account from its source (and may name a stand-in for a name known only at deploy). <see langword="null"/>
    /// otherwise.
    /// </summary>
    public TemplateChange? TemplateChange { get; init; }

    /// <summary>The fix in a few words, e.g. "inline policy AllowPassEtlRuntimeToGlue on group GlueAccess".</summary>
    public string Summary => Describe(static name => name);

    /// <summary>The summary with each name formatted by <paramref name="name"/> (Markdown puts them in backticks).</summary>
    internal string Describe(Func<string, string> name) => Target.Type switch
    {
        FixTargetType.PermissionsBoundary => $"a new default version of permissions boundary {name(Target.Name)}",
        FixTargetType.PermissionSet => $"the inline policy of IAM Identity Center permission set {name(Target.Name)}",
        _ => $"inline policy {name(PolicyName)} on {Target.Type.ToString().ToLowerInvariant()} {name(Target.Name)}",
    };
}

/// <summary>Where a fix goes: an IAM identity, a permissions boundary's managed policy or an IAM Identity Center permission set.</summary>
/// <param name="Type">Group, user, role, permissions boundary or permission set.</param>
/// <param name="Name">Its name.</param>
public sealed record FixTarget(FixTargetType Type, string Name)
{
    /// <summary>The boundary's managed policy ARN, or the permission set's ARN when a source could read it; else <see langword="null"/>.</summary>
    public string? Arn { get; init; }
}

/// <summary>The kind of IAM identity a fix is attached to.</summary>
public enum FixTargetType
{
    /// <summary>An IAM group (<c>aws iam put-group-policy</c>).</summary>
    Group,

    /// <summary>An IAM user (<c>aws iam put-user-policy</c>).</summary>
    User,

    /// <summary>An IAM role (<c>aws iam put-role-policy</c>).</summary>
    Role,

    /// <summary>
    /// The customer managed policy set as the principal's permissions boundary: a new default version
    /// (<c>aws iam create-policy-version --set-as-default</c>).
    /// </summary>
    PermissionsBoundary,

    /// <summary>
    /// The IAM Identity Center permission set behind an <c>AWSReservedSSO_*</c> role: its inline policy
    /// (<c>aws sso-admin put-inline-policy-to-permission-set</c>), then provisioned to the account
    /// (<c>aws sso-admin provision-permission-set</c>).
    /// </summary>
    PermissionSet,
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

    /// <summary>
    /// Put the statement in the IAM Identity Center permission set's inline policy. No longer proposed as an alternative:
    /// the permission set is the fix's target (<see cref="FixTargetType.PermissionSet"/>).
    /// </summary>
    PermissionSetInlinePolicy,

    /// <summary>Attach the statement to a group of the user whose policies could not be read, if that group is where the user's Glue access comes from.</summary>
    GroupWithUnreadPolicies,
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

    /// <summary>
    /// When the infrastructure-as-code the account was read from defines what must change (a role's trust policy): the
    /// change to make there, in the file's own form, instead of <see cref="Command"/>; <see langword="null"/> otherwise.
    /// </summary>
    public TemplateChange? TemplateChange { get; init; }

    /// <summary>
    /// The whole document the command writes, when the change is a policy the tool wrote (a permissions boundary's new
    /// version); the fix is verified with it applied.
    /// </summary>
    public PolicyDocument? Document { get; init; }

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
    /// <summary>
    /// Whether the fix is known to turn the decision into Allowed: <see langword="false"/> also when that is not known
    /// (<see cref="DecisionAfterFix"/> is <see cref="Decision.Unknown"/>, some policy could not be read); the JSON report
    /// writes <c>fixWorks</c> null then.
    /// </summary>
    public bool FixWorks => DecisionAfterFix == Decision.Allowed;

    /// <summary>
    /// The decision with the fix over the policies that were read alone: <see cref="Decision.Allowed"/> when they allow the
    /// request, even if a layer that could not be read (or that the error names) may still deny it; equal to
    /// <see cref="DecisionAfterFix"/> when every policy was read. <see langword="null"/> when not stated.
    /// </summary>
    public Decision? DecisionByReadPolicies { get; init; }
}
