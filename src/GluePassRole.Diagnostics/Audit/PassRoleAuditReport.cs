using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>The result of an account-wide PassRole audit. Every record carries the account, so reports of many accounts merge.</summary>
public sealed record PassRoleAuditReport
{
    /// <summary>The version of the JSON contract written by <see cref="PassRoleAuditRenderer.ToJson"/>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The audited account's ID, or <c>unknown</c> when no source could name it.</summary>
    public required string Account { get; init; }

    /// <summary>
    /// Where the account data came from, as the caller states it (the auditor does not know it); <see langword="null"/>
    /// when not stated. Written as the JSON report's <c>source</c> and as the SARIF run's <c>source</c> property.
    /// </summary>
    public AuditSource? Source { get; init; }

    /// <summary>
    /// Whether <see cref="Findings"/> are listed per principal × role pair, as 0.1 listed them, and the renderers list every
    /// grant (<see cref="PassRoleAuditOptions.PerPair"/>, <c>glue-passrole audit --pairs</c>); otherwise (the default) the
    /// findings are grouped by cause and the renderers list <see cref="GrantGroups"/>, so the report grows with roles,
    /// groups and statements instead of with principals × roles.
    /// </summary>
    public bool PerPair { get; init; }

    /// <summary>
    /// Principal × role pairs allowed to pass the role to Glue under some circumstances (each grant lists them), every pair,
    /// whatever <see cref="PerPair"/> says. <see cref="GrantGroups"/> groups them by what grants them.
    /// </summary>
    public IReadOnlyList<PassRoleGrant> Grants { get; init; } = [];

    /// <summary>
    /// <see cref="Grants"/> grouped by what grants them: each group is the principals × the roles whose grants are the same
    /// but for the principal and the role (the same granting statements, attached to the same group, user or role, the
    /// same circumstances and operations). The default report lists these instead of every grant.
    /// </summary>
    public IReadOnlyList<PassRoleGrantGroup> GrantGroups { get; init; } = [];

    /// <summary>
    /// Escalation paths, broad grants, dead roles and saves that will fail: one per cause, with every principal and role it
    /// concerns (<see cref="AuditFinding.Principals"/>, <see cref="AuditFinding.Roles"/>), or one per principal × role
    /// pair when <see cref="PerPair"/>.
    /// </summary>
    public IReadOnlyList<AuditFinding> Findings { get; init; } = [];

    /// <summary>What could not be read and which principals or roles it leaves undecided.</summary>
    public IReadOnlyList<AuditUnknown> Unknowns { get; init; } = [];

    /// <summary>Users and roles audited as principals.</summary>
    public int PrincipalCount { get; init; }

    /// <summary>Roles in the account.</summary>
    public int RoleCount { get; init; }

    /// <summary>Roles whose trust policy lets Glue assume them, whatever the circumstances or under some.</summary>
    public int TargetCount { get; init; }

    /// <summary>Principal × role pairs that were actually decided (the rest no PassRole allow can reach).</summary>
    public long PairsDecided { get; init; }
}

/// <summary>A principal that can pass a role to Glue.</summary>
/// <param name="Account">The account.</param>
/// <param name="Principal">The user ARN, or for a role session the role's ARN.</param>
/// <param name="Role">The role ARN.</param>
public sealed record PassRoleGrant(string Account, string Principal, string Role)
{
    /// <summary>
    /// Whether only requests signed in with MFA are allowed (a force-MFA guardrail or an MFA condition): every class of
    /// circumstances that allows the pass has <c>aws:MultiFactorAuthPresent</c> true. One of <see cref="Conditions"/>.
    /// </summary>
    public bool RequiresMfa { get; init; }

    /// <summary>
    /// The circumstances the grant depends on: the classes of values of keys the tool cannot read (source IP, VPC, MFA and
    /// its age, Region, ...) under which the caller's pass is allowed, and, for a role that trusts Glue only under a
    /// condition (a confused-deputy guard on <c>aws:SourceAccount</c>), the classes under which Glue may assume it.
    /// Empty when the grant holds whatever the circumstances.
    /// </summary>
    public IReadOnlyList<GrantCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The pass's decision per class of its circumstances, e.g. <c>Allowed when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0;
    /// ImplicitDeny otherwise</c>; <c>Allowed</c> when it does not depend on them.
    /// </summary>
    public string Verdict { get; init; } = "Allowed";

    /// <summary>
    /// Whether Glue may assume the role, per class of the circumstances of Glue's own request (e.g. <c>Allowed when
    /// aws:SourceAccount = 111122223333; ImplicitDeny otherwise</c>), when the trust policy allows it only under a
    /// condition; <see langword="null"/> when it lets Glue assume the role whatever the circumstances.
    /// </summary>
    public string? TrustVerdict { get; init; }

    /// <summary>Whether the grant holds only under some circumstances (<see cref="Conditions"/> is not empty).</summary>
    public bool IsConditional => Conditions.Count > 0;

    /// <summary>Whether the principal can also make Glue run its code as the role (a job, session or development endpoint).</summary>
    public bool CanRunAsRole { get; init; }

    /// <summary>The run-as operations allowed alongside the pass (<c>glue:CreateJob</c>, <c>glue:UpdateJob</c>, <c>glue:StartJobRun</c> noted, <c>glue:CreateSession</c>, <c>glue:CreateDevEndpoint</c>).</summary>
    public IReadOnlyList<string> RunOperations { get; init; } = [];

    /// <summary>Other allowed operations that take the role without running the caller's code (crawlers, ML transforms, ...).</summary>
    public IReadOnlyList<string> OtherOperations { get; init; } = [];

    /// <summary>The Allow statements that grant the pass.</summary>
    public IReadOnlyList<GrantSource> GrantedBy { get; init; } = [];
}

/// <summary>
/// Grants that are the same but for the principal and the role: every principal of <see cref="Principals"/> can pass every
/// role of <see cref="Roles"/> to Glue, granted by the same statements (<see cref="GrantedBy"/>, attached to the same
/// group, user or role), under the same circumstances, with the same operations. One <see cref="PassRoleGrant"/> per pair
/// is in <see cref="PassRoleAuditReport.Grants"/>.
/// </summary>
/// <param name="Account">The account.</param>
public sealed record PassRoleGrantGroup(string Account)
{
    /// <summary>The principals (user ARNs, or for role sessions the role's ARN), in ARN order.</summary>
    public IReadOnlyList<string> Principals { get; init; } = [];

    /// <summary>The roles each of them can pass to Glue, in ARN order.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The number of principal × role grants the group stands for.</summary>
    public long GrantCount => (long)Principals.Count * Roles.Count;

    /// <inheritdoc cref="PassRoleGrant.RequiresMfa"/>
    public bool RequiresMfa { get; init; }

    /// <inheritdoc cref="PassRoleGrant.Conditions"/>
    public IReadOnlyList<GrantCondition> Conditions { get; init; } = [];

    /// <inheritdoc cref="PassRoleGrant.Verdict"/>
    public string Verdict { get; init; } = "Allowed";

    /// <inheritdoc cref="PassRoleGrant.TrustVerdict"/>
    public string? TrustVerdict { get; init; }

    /// <inheritdoc cref="PassRoleGrant.IsConditional"/>
    public bool IsConditional => Conditions.Count > 0;

    /// <inheritdoc cref="PassRoleGrant.CanRunAsRole"/>
    public bool CanRunAsRole { get; init; }

    /// <inheritdoc cref="PassRoleGrant.RunOperations"/>
    public IReadOnlyList<string> RunOperations { get; init; } = [];

    /// <inheritdoc cref="PassRoleGrant.OtherOperations"/>
    public IReadOnlyList<string> OtherOperations { get; init; } = [];

    /// <inheritdoc cref="PassRoleGrant.GrantedBy"/>
    public IReadOnlyList<GrantSource> GrantedBy { get; init; } = [];
}

/// <summary>Which request a <see cref="GrantCondition"/> is a circumstance of.</summary>
public enum GrantConditionScope
{
    /// <summary>The caller's <c>iam:PassRole</c> request: how and where the caller calls (network, MFA, Region, ...).</summary>
    PassRole,

    /// <summary>
    /// Glue's own request to assume the role, decided by the role's trust policy: AWS does not document that Glue sends
    /// <c>aws:SourceAccount</c> or <c>aws:SourceArn</c>; if it does not, the job fails to assume the role.
    /// </summary>
    GlueAssumeRole,
}

/// <summary>One circumstance a grant depends on: a class of a circumstance key's values.</summary>
/// <param name="Key">The condition key, e.g. <c>aws:SourceIp</c>.</param>
/// <param name="Description">The class, e.g. <c>aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0</c> or <c>aws:MultiFactorAuthPresent = true</c>.</param>
public sealed record GrantCondition(string Key, string Description)
{
    /// <summary>The request the condition is on.</summary>
    public GrantConditionScope Scope { get; init; }

    /// <summary>
    /// The alternative it belongs to, from 0 within its <see cref="Scope"/>: the conditions of one alternative hold
    /// together, and one alternative of each scope is enough.
    /// </summary>
    public int Alternative { get; init; }
}

/// <summary>A statement that grants a pass.</summary>
/// <param name="Policy">The policy name.</param>
/// <param name="AttachedTo">The user, group or role it is attached to, when known.</param>
/// <param name="Statement">The statement's Sid, or <c>#index</c>.</param>
/// <param name="Kind">How the policy reaches the principal (group inline, user managed, ...).</param>
public sealed record GrantSource(string Policy, string? AttachedTo, string Statement, PolicySourceKind Kind)
{
    /// <summary>"group GlueAccess" style text for the way the grant reaches the principal.</summary>
    public string Via => Kind switch
    {
        PolicySourceKind.GroupInline or PolicySourceKind.GroupManaged => $"group {AttachedTo}",
        PolicySourceKind.UserInline or PolicySourceKind.UserManaged => $"user {AttachedTo}",
        PolicySourceKind.RoleInline or PolicySourceKind.RoleManaged => $"role {AttachedTo}",
        _ => Policy,
    };
}

/// <summary>How serious an audit finding is.</summary>
public enum AuditSeverity
{
    /// <summary>Worth knowing.</summary>
    Info,

    /// <summary>Broader than least privilege, or a save that will fail.</summary>
    Warning,

    /// <summary>A privilege-escalation path.</summary>
    Error,
}

/// <summary>
/// One audit finding: one cause (a role, a statement, the statements that grant passes) with every principal and role it
/// concerns, or, in a report made <see cref="PassRoleAuditReport.PerPair"/>, one principal × role pair.
/// </summary>
/// <param name="Account">The account.</param>
/// <param name="Code">One of <see cref="AuditFindingCodes"/>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What was found, in a sentence or two: counts and the first few names when it concerns many.</param>
public sealed record AuditFinding(string Account, string Code, AuditSeverity Severity, string Message)
{
    /// <summary>The principal concerned, when exactly one is (<see cref="Principals"/> lists them all).</summary>
    public string? Principal { get; init; }

    /// <summary>The role concerned, when exactly one is (<see cref="Roles"/> lists them all).</summary>
    public string? Role { get; init; }

    /// <summary>Every principal concerned, in ARN order; empty for a finding about a statement or about roles alone.</summary>
    public IReadOnlyList<string> Principals { get; init; } = [];

    /// <summary>
    /// Every role concerned, in ARN order: for <see cref="AuditFindingCodes.Escalation"/> and
    /// <see cref="AuditFindingCodes.PassableRoleNotTrustingGlue"/> each of <see cref="Principals"/> can pass each of them.
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// The statements that grant the passes the finding is about (<see cref="AuditFindingCodes.Escalation"/>,
    /// <see cref="AuditFindingCodes.PassableRoleNotTrustingGlue"/>); empty otherwise.
    /// </summary>
    public IReadOnlyList<GrantSource> GrantedBy { get; init; } = [];

    /// <summary>What identifies the cause across runs (the SARIF fingerprint), when the finding is grouped by cause.</summary>
    internal string? Cause { get; init; }

    /// <summary>The escalation path written out, for <see cref="AuditFindingCodes.Escalation"/>.</summary>
    public string? Path { get; init; }

    /// <summary>The policy concerned, for statement-level findings.</summary>
    public string? Policy { get; init; }

    /// <summary>The statement concerned (Sid or <c>#index</c>), for statement-level findings.</summary>
    public string? Statement { get; init; }

    /// <summary>Supporting facts (the statements, the actions the role holds that the principal lacks, ...).</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>The codes of <see cref="AuditFinding"/>.</summary>
public static class AuditFindingCodes
{
    /// <summary>
    /// A principal can run code as a role that holds high-impact permissions the principal lacks (grouped: per role, the
    /// principals that can through the same statements and lack the same permissions).
    /// </summary>
    public const string Escalation = "Escalation";

    /// <summary>A principal can pass any role of the account to Glue (grouped: the principals that can, through the same statements).</summary>
    public const string PassAnyRole = "PassAnyRole";

    /// <summary>
    /// An Allow statement grants <c>iam:PassRole</c> without limiting <c>iam:PassedToService</c>: one finding per statement
    /// of a policy, its holders (every principal the policy reaches) in <see cref="AuditFinding.Principals"/>.
    /// </summary>
    public const string PassRoleWithoutPassedToService = "PassRoleWithoutPassedToService";

    /// <summary>A role trusts Glue but no audited principal can pass it to Glue (grouped: one finding lists every such role).</summary>
    public const string DeadRole = "DeadRole";

    /// <summary>
    /// A principal can pass a role to Glue that does not trust Glue under any circumstance: the save fails anyway. A role
    /// that trusts Glue only under a condition (e.g. on <c>aws:SourceAccount</c>) is not reported; its grants are conditional.
    /// Grouped: one finding per set of granting statements, with the principals and the roles they reach.
    /// </summary>
    public const string PassableRoleNotTrustingGlue = "PassableRoleNotTrustingGlue";
}

/// <summary>Data that could not be read, and what it leaves undecided.</summary>
/// <param name="Account">The account.</param>
/// <param name="Subject">What could not be read, e.g. <c>inline policies of group GlueAccess</c>.</param>
/// <param name="Reason">Why, with the error.</param>
public sealed record AuditUnknown(string Account, string Subject, string Reason)
{
    /// <summary>The principal whose pairs are undecided, when it concerns one.</summary>
    public string? Principal { get; init; }

    /// <summary>The role whose pairs are undecided, when it concerns one.</summary>
    public string? Role { get; init; }

    /// <summary>The IAM permission that would have read it, when known.</summary>
    public string? MissingPermission { get; init; }

    /// <summary>Roles that trust Glue and that the policies that could be read would let the principal pass.</summary>
    public IReadOnlyList<string> AllowedByReadPolicies { get; init; } = [];
}
