using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics;

/// <summary>
/// The outcome of an investigation. Immutable; render it with <see cref="Reporting.PassRoleReportRenderer"/> (text,
/// Markdown, or the documented JSON contract).
/// </summary>
public sealed record PassRoleReport
{
    /// <summary>The version of the JSON contract this report renders to.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The decision for passing the role under the context the failed request most likely had.</summary>
    public required Decision Decision { get; init; }

    /// <summary>The principal that passes the role.</summary>
    public string? Principal { get; init; }

    /// <summary>The role passed, as an ARN with its path when known.</summary>
    public string? Role { get; init; }

    /// <summary>The service principal the role is passed to.</summary>
    public required string Service { get; init; }

    /// <summary>
    /// The action investigated when the error denies another action than <c>iam:PassRole</c> (a Glue action of saving or
    /// running a job, or what the job's role session does at run time, e.g. <c>s3:GetObject</c>); <see langword="null"/>
    /// for the <c>iam:PassRole</c> investigation. <see cref="Role"/> and <see cref="Service"/> then play no part.
    /// </summary>
    public string? Action { get; init; }

    /// <summary>The resource of <see cref="Action"/> as the error names it; <see langword="null"/> for <c>iam:PassRole</c>, or when the error names none.</summary>
    public string? Resource { get; init; }

    /// <summary>The account investigated.</summary>
    public string? Account { get; init; }

    /// <summary>
    /// The Glue job, when one was named; or the crawler, interactive session, dev endpoint or ML transform of that name
    /// (<see cref="GlueResourceKind"/> says which).
    /// </summary>
    public string? GlueJob { get; init; }

    /// <summary>What <see cref="GlueJob"/> is, when it was read from the source; <see langword="null"/> when it was not.</summary>
    public GlueResourceKind? GlueResourceKind { get; init; }

    /// <summary>The policies and statements that block the request: deny statements, or layers without an allow.</summary>
    public IReadOnlyList<Blocker> Blockers { get; init; } = [];

    /// <summary>Everything found, in step order.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The explained evaluation behind <see cref="Decision"/>.</summary>
    public EvaluationResult? Evaluation { get; init; }

    /// <summary>
    /// The decision under each <c>aws:MultiFactorAuthPresent</c> variant, as far as the data tell: when some policy could
    /// not be read (<see cref="Unread"/>), a variant is <see cref="Decision.Unknown"/> unless a policy that was read denies
    /// it explicitly, since the unread one could change it. <see cref="MfaVariantsByReadPolicies"/> has the decisions of
    /// the policies that were read.
    /// </summary>
    public WhatIfResult? MfaVariants { get; init; }

    /// <summary>The decision under each <c>aws:MultiFactorAuthPresent</c> variant by the policies that were read; the same as <see cref="MfaVariants"/> when every policy was read.</summary>
    public WhatIfResult? MfaVariantsByReadPolicies { get; init; }

    /// <summary>The PassRole request as AWS builds it: every key with its source, and the circumstances (<see langword="null"/> when nothing was evaluated).</summary>
    public Requests.BuiltRequest? Request { get; init; }

    /// <summary>
    /// The decision per class of the call's circumstances (<see langword="null"/> when nothing was evaluated), as far as the
    /// data tell: when some policy could not be read, a class is <see cref="Decision.Unknown"/> unless a policy that was
    /// read denies it explicitly; without circumstances the one class is the call itself, decided as <see cref="Decision"/>.
    /// </summary>
    public ConditionalDecision? Circumstances { get; init; }

    /// <summary>The decision per class of the call's circumstances by the policies that were read; the same as <see cref="Circumstances"/> when every policy was read.</summary>
    public ConditionalDecision? CircumstancesByReadPolicies { get; init; }

    /// <summary>The least-privilege fix, when one is needed.</summary>
    public ProposedFix? Fix { get; init; }

    /// <summary>The re-evaluation with the fix applied.</summary>
    public FixVerification? Verification { get; init; }

    /// <summary>The field note's checklist, one line per check, in step order: passed, failed, skipped (why) or unknown (what is missing).</summary>
    public IReadOnlyList<InvestigationCheck> Checks { get; init; } = [];

    /// <summary>Each step with its outcome and duration, in order.</summary>
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>
    /// The parts of the principal's policies that could not be read, with why and which permission would read them. When
    /// any is of a type that decides (identity-based, boundary, session), <see cref="Decision"/> is only as good as they are.
    /// </summary>
    public IReadOnlyList<Sources.SourceGap> Unread { get; init; } = [];

    /// <summary>Whether every piece of data the investigation needed could be read.</summary>
    public bool IsComplete => Decision != Decision.Unknown && Findings.All(f => f.Code != FindingCodes.UnreadableData);

    /// <inheritdoc />
    public override string ToString() => Action is null ? $"{Decision}: {Principal} -> iam:PassRole {Role} to {Service}" : $"{Decision}: {Principal} -> {Action} {Resource}";
}

/// <summary>Something that blocks the request.</summary>
/// <param name="PolicyType">The kind of policy.</param>
/// <param name="Kind">An applying deny, or a layer with no allow.</param>
/// <param name="Policy">The policy name (or the layer name for <see cref="BlockerKind.NoAllow"/>).</param>
/// <param name="Statement">The statement's Sid or <c>#index</c>, for denies.</param>
public sealed record Blocker(PolicyType PolicyType, BlockerKind Kind, string Policy, string? Statement)
{
    /// <summary>The organization level for SCPs, else <see langword="null"/>.</summary>
    public int? Level { get; init; }

    /// <summary>What the blocker is attached to (group, user, role, OU), when known.</summary>
    public string? AttachedTo { get; init; }

    /// <summary>Why, for people.</summary>
    public string? Detail { get; init; }

    /// <summary>How the blocker is known: from the policies that were read, or from the AccessDenied message alone.</summary>
    public BlockerBasis Basis { get; init; }
}

/// <summary>How a blocker is known.</summary>
public enum BlockerBasis
{
    /// <summary>The policies were read and evaluated: the statement or layer is named.</summary>
    Evaluated,

    /// <summary>
    /// The AccessDenied message names the policy type, and no document of that type could be read (an SCP seen from a
    /// member account): what AWS wrote is the evidence, and no statement can be named.
    /// </summary>
    ErrorText,
}

/// <summary>How a blocker blocks.</summary>
public enum BlockerKind
{
    /// <summary>A deny statement applies.</summary>
    ExplicitDeny,

    /// <summary>The layer has no allow.</summary>
    NoAllow,
}

/// <summary>One step's run.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Duration">How long it took.</param>
public sealed record StepRecord(string Name, StepOutcome Outcome, TimeSpan Duration)
{
    /// <summary>A short note, e.g. why it was skipped.</summary>
    public string? Note { get; init; }
}
