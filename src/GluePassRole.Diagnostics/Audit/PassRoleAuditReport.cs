using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Audit;

/// <summary>The result of an account-wide PassRole audit. Every record carries the account, so reports of many accounts merge.</summary>
public sealed record PassRoleAuditReport
{
    /// <summary>The version of the JSON contract written by <see cref="PassRoleAuditRenderer.ToJson"/>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The audited account's ID, or <c>unknown</c> when no source could name it.</summary>
    public required string Account { get; init; }

    /// <summary>Principal × role pairs allowed to pass the role to Glue in some context (with or without MFA).</summary>
    public IReadOnlyList<PassRoleGrant> Grants { get; init; } = [];

    /// <summary>Escalation paths, broad grants, dead roles and saves that will fail.</summary>
    public IReadOnlyList<AuditFinding> Findings { get; init; } = [];

    /// <summary>What could not be read and which principals or roles it leaves undecided.</summary>
    public IReadOnlyList<AuditUnknown> Unknowns { get; init; } = [];

    /// <summary>Users and roles audited as principals.</summary>
    public int PrincipalCount { get; init; }

    /// <summary>Roles in the account.</summary>
    public int RoleCount { get; init; }

    /// <summary>Roles whose trust policy lets Glue assume them.</summary>
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
    /// <summary>Whether only requests signed in with MFA are allowed (a force-MFA guardrail or an MFA condition).</summary>
    public bool RequiresMfa { get; init; }

    /// <summary>Whether the principal can also make Glue run its code as the role (a job, session or development endpoint).</summary>
    public bool CanRunAsRole { get; init; }

    /// <summary>The run-as operations allowed alongside the pass (<c>glue:CreateJob</c>, <c>glue:UpdateJob</c>, <c>glue:StartJobRun</c> noted, <c>glue:CreateSession</c>, <c>glue:CreateDevEndpoint</c>).</summary>
    public IReadOnlyList<string> RunOperations { get; init; } = [];

    /// <summary>Other allowed operations that take the role without running the caller's code (crawlers, ML transforms, ...).</summary>
    public IReadOnlyList<string> OtherOperations { get; init; } = [];

    /// <summary>The Allow statements that grant the pass.</summary>
    public IReadOnlyList<GrantSource> GrantedBy { get; init; } = [];
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

/// <summary>One audit finding.</summary>
/// <param name="Account">The account.</param>
/// <param name="Code">One of <see cref="AuditFindingCodes"/>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What was found, in a sentence or two.</param>
public sealed record AuditFinding(string Account, string Code, AuditSeverity Severity, string Message)
{
    /// <summary>The principal concerned, when one is.</summary>
    public string? Principal { get; init; }

    /// <summary>The role concerned, when one is.</summary>
    public string? Role { get; init; }

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
    /// <summary>A principal can run code as a role that holds high-impact permissions the principal lacks.</summary>
    public const string Escalation = "Escalation";

    /// <summary>A principal can pass any role of the account to Glue.</summary>
    public const string PassAnyRole = "PassAnyRole";

    /// <summary>An Allow statement grants <c>iam:PassRole</c> without limiting <c>iam:PassedToService</c>.</summary>
    public const string PassRoleWithoutPassedToService = "PassRoleWithoutPassedToService";

    /// <summary>A role trusts Glue but no audited principal can pass it to Glue.</summary>
    public const string DeadRole = "DeadRole";

    /// <summary>A principal can pass a role to Glue that does not trust Glue: the save fails anyway.</summary>
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
