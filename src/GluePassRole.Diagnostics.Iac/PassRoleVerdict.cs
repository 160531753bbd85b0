using System.Text;
using GluePassRole.Diagnostics.Fixes;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Requests;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>Whether a principal or group can pass a role to a service, with the explanation a failing test should print.</summary>
/// <remarks>
/// <para>
/// The request is the one AWS builds (<see cref="RequestBuilder"/>): the caller's ARN, account, type, unique ID, name,
/// tags and organization, the role's account and tags, the time. What depends on how the call is made (source IP, VPC,
/// MFA when not pinned, the Region) and what the data does not tell (which member of a group calls, an organization a
/// template cannot name) are <em>circumstances</em>: the request is decided for each class of their values that the
/// policies tell apart (<see cref="Conditions"/>).
/// </para>
/// <para>
/// When every class gets the same decision, <see cref="Decision"/> is that decision. When the decision depends on the
/// circumstances, <see cref="IsConditional"/> is <see langword="true"/>, <see cref="Decision"/> is
/// <see cref="Decision.Unknown"/> (the data alone does not decide it), and <see cref="Describe"/> says which decision
/// holds when, e.g. <c>Allowed when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0; ImplicitDeny otherwise</c>.
/// <see cref="DecisionWhen"/> answers for concrete values. <see cref="ThrowIfNotAllowed"/> fails a conditional
/// verdict (it is not allowed whatever the circumstances); <see cref="ThrowIfNotDenied"/> passes one only when every
/// class is denied.
/// </para>
/// </remarks>
/// <param name="Subject">Who passes the role: a principal ARN, or <c>a member of group NAME</c>.</param>
/// <param name="RoleArn">The role, as an ARN with its path (or as given when the role could not be read).</param>
/// <param name="Service">The service the role is passed to.</param>
/// <param name="Decision">
/// The decision; <see cref="Decision.Unknown"/> when a policy it depends on is unknown before deploy or could not be
/// read, or when it depends on circumstances (then <see cref="IsConditional"/> is <see langword="true"/>).
/// </param>
public sealed record PassRoleVerdict(string Subject, string RoleArn, string Service, Decision Decision)
{
    /// <summary>
    /// The evaluation, when the policies could be read: of the request as the data gives it, or, when the decision is
    /// conditional, of a class of circumstances in which it is not allowed (what blocks it there).
    /// </summary>
    public EvaluationResult? Evaluation { get; init; }

    /// <summary>The request evaluated, every key with its source and the circumstances, when the policies could be read.</summary>
    public BuiltRequest? Request { get; init; }

    /// <summary>
    /// The decision for each class of the circumstances the policies tell apart, when the policies could be read;
    /// <see cref="ConditionalDecision.Uniform"/> when they do not matter.
    /// </summary>
    public ConditionalDecision? Conditions { get; init; }

    /// <summary>Whether the decision on the policies read depends on circumstances (how the call is made, who in a group calls).</summary>
    public bool IsConditional => Conditions is { IsConditional: true };

    /// <summary>
    /// What must change when no allow is proposed (<see cref="Fix"/> is <see langword="null"/> though the role cannot
    /// always be passed): how the call must be made, the deny to change, or the rule of <c>iam:PassRole</c> in the way;
    /// or, with a <see cref="Fix"/>, the conditions it keeps.
    /// </summary>
    public string? Remedy { get; init; }

    /// <summary>The evaluation in a class of circumstances that allows it (for the pass-to-other-services check).</summary>
    internal EvaluationResult? AllowedEvaluation { get; init; }

    /// <summary>The circumstances under which it is allowed, each in words (empty when none or when it does not depend on them).</summary>
    internal IReadOnlyList<string> AllowedWhen => Conditions is { IsConditional: true } conditions
        ? [.. conditions.Outcomes.Where(o => o.Decision == Decision.Allowed).Select(conditions.Relevant).Distinct(StringComparer.Ordinal)]
        : [];

    /// <summary>Whether some class of circumstances allows it, on policies that were all read.</summary>
    internal bool IsAllowedUnderSomeConditions => Gaps.Count == 0 && Conditions is { } conditions && conditions.Outcomes.Any(o => o.Decision == Decision.Allowed);

    /// <summary>Whether every class of circumstances is denied, on policies that were all read (or an explicit deny read decides).</summary>
    internal bool IsDeniedWhateverTheConditions => Decision is Decision.ImplicitDeny or Decision.ExplicitDeny
        || (Gaps.Count == 0 && Conditions is { IsConditional: true, IsComplete: true } conditions && conditions.Outcomes.All(o => o.Decision is Decision.ImplicitDeny or Decision.ExplicitDeny));

    /// <summary>What could not be read or known, which makes the decision unknown (SCPs excepted: see <see cref="Notes"/>).</summary>
    public IReadOnlyList<SourceGap> Gaps { get; init; } = [];

    /// <summary>Facts to know: SCPs not known, names generated at deploy, bundled copies used.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The least-privilege policy that would allow the request, when it is denied.</summary>
    public PolicyDocument? Fix { get; init; }

    /// <summary>
    /// The user, group or role the verdict is about, as the one <see cref="Fix"/> is added to (the role of a role
    /// session), with where the IaC defines it; <see langword="null"/> when it could not be read.
    /// </summary>
    public IacFixTarget? FixTarget { get; init; }

    /// <summary>
    /// When the IaC defines <see cref="FixTarget"/>: <see cref="Fix"/> as a change to it, in the file's own form (a new
    /// statement in the target's policy that already allows <c>iam:PassRole</c>, a <c>Policies</c> entry, or for a
    /// Terraform plan an <c>aws_iam_*_policy</c> resource); <see langword="null"/> otherwise.
    /// </summary>
    public TemplateChange? FixTemplateChange { get; init; }

    /// <summary>Where the deciding and nearly-matching policies are defined in the IaC.</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary>Whether the decision is <see cref="Decision.Allowed"/> (whatever the circumstances).</summary>
    public bool IsAllowed => Decision == Decision.Allowed;

    /// <summary>
    /// The verdict in words: the decision, or each decision with the circumstances under which it holds, e.g.
    /// <c>Allowed when aws:SourceIp in 10.0.0.0/8, e.g. 10.0.0.0; ImplicitDeny otherwise</c>; a verdict that unread
    /// policies leave unknown says so first.
    /// </summary>
    /// <returns>The description.</returns>
    public string Describe()
    {
        var onRead = Conditions?.Describe();
        if (Gaps.Count > 0 && Decision == Decision.Unknown)
        {
            return onRead is null
                ? $"Unknown ({Gaps.Count} unread)"
                : $"Unknown ({Gaps.Count} unread); on the policies read: {onRead}";
        }

        return Conditions is { IsConditional: true } ? onRead! : Decision.ToString();
    }

    /// <summary>
    /// The decision for concrete values of the circumstances, e.g. <c>aws:SourceIp=10.1.2.3</c>; circumstances not
    /// given are taken as absent from the request.
    /// </summary>
    /// <param name="circumstances">The values, e.g. <c>RequestContext.Empty.With("aws:SourceIp", "10.1.2.3")</c>.</param>
    /// <returns>
    /// The decision; <see cref="Decision.Unknown"/> when the policies could not all be read (an explicit deny read
    /// excepted) or when those values fall in a class that was not decided.
    /// </returns>
    public Decision DecisionWhen(RequestContext circumstances)
    {
        ArgumentNullException.ThrowIfNull(circumstances);
        if (Conditions is null || Request is null)
        {
            return Decision;
        }

        var context = Request.Request.Context;
        foreach (var (key, values) in circumstances)
        {
            context = context.With(key, [.. values]);
        }

        var decision = Conditions.DecisionAt(context);
        return Gaps.Count == 0 || decision == Decision.ExplicitDeny ? decision : Decision.Unknown;
    }

    /// <summary>
    /// The explanation: the decision, the deciding statements, the layer lacking an allow, near misses with their origin,
    /// gaps and notes, and the fix with the user, group or role it attaches to. When the verdict is not decided
    /// (something it depends on could not be read, or depends on a value not known here), it says what is not known and
    /// why, and what would decide it, and offers a fix only as "if ..., then".
    /// </summary>
    public string Explanation
    {
        get
        {
            var text = new StringBuilder();
            var undecided = IsUndecided;
            if (undecided)
            {
                text.Append("whether ").Append(Subject).Append(" can pass ").Append(RoleArn).Append(" to ").Append(Service).Append(" is not known: ")
                    .Append(Gaps.Count > 0 ? $"it depends on what could not be read ({(Gaps.Count == 1 ? "1 part" : $"{Gaps.Count} parts")})"
                        : UndecidedBecause ?? $"it was not decided in some circumstances ({Describe()})")
                    .Append('.');
                foreach (var gap in Gaps)
                {
                    text.AppendLine().Append("  unknown: ").Append(gap);
                }

                if (Undecided is not null)
                {
                    text.AppendLine().Append("  unknown: ").Append(Undecided);
                }

                if (Gaps.Count > 0 && (Conditions is { IsConditional: true } || Evaluation is not null))
                {
                    text.AppendLine().Append("  on the policies that were read: ")
                        .Append(Conditions is { IsConditional: true } conditions ? conditions.Describe() : Reasons(Evaluation!));
                }
            }
            else if (IsConditional && Gaps.Count == 0)
            {
                text.Append(Subject).Append(Conditions!.Outcomes.Any(o => o.Decision == Decision.Allowed) ? " can pass " : " cannot pass ")
                    .Append(RoleArn).Append(" to ").Append(Service)
                    .Append(Conditions.Outcomes.Any(o => o.Decision == Decision.Allowed) ? " only under conditions: " : " (the kind of denial depends on the circumstances): ")
                    .Append(Describe()).Append('.');
            }
            else
            {
                text.Append(Subject).Append(IsAllowed ? " can" : " cannot")
                    .Append(" pass ").Append(RoleArn).Append(" to ").Append(Service).Append(" (").Append(Decision).Append(").");
            }

            if (Evaluation is { } evaluation)
            {
                if (!undecided)
                {
                    text.AppendLine().Append("  ").Append(Shown(evaluation).Explanation);
                }

                foreach (var miss in evaluation.Misses.Take(5))
                {
                    text.AppendLine().Append("  near miss: ").Append(miss);
                }
            }

            foreach (var origin in Origins)
            {
                text.AppendLine().Append("  defined at: ").Append(origin);
            }

            if (!undecided)
            {
                foreach (var gap in Gaps)
                {
                    text.AppendLine().Append("  unknown: ").Append(gap);
                }
            }

            foreach (var note in Notes)
            {
                text.AppendLine().Append("  note: ").Append(note);
            }

            if (undecided)
            {
                text.AppendLine().Append("  what would decide it: ").Append(DecidedBy).Append(DecidedBy!.EndsWith('.') ? string.Empty : ".");
            }

            if (Fix is not null)
            {
                text.AppendLine().Append(undecided ? $"  if {FixOnlyIf}, then this fix (least privilege) would allow it: " : "  fix (least privilege): ");
                if (FixTemplateChange is { } change)
                {
                    // The target is the IaC's own: the statement goes into the file, in its form.
                    text.Append(change.Description).Append(", at ").Append(change.Where).Append(':');
                    foreach (var line in change.Snippet.TrimEnd().Split('\n'))
                    {
                        text.AppendLine().Append("    ").Append(line);
                    }
                }
                else
                {
                    text.Append(FixPlacement).Append(": ").Append(Fix.ToJson(indented: false));
                }
            }

            if (undecided && Undecided is not null && Fix is null)
            {
                text.AppendLine().Append("  no allow is proposed: one would widen access past what is not known.");
            }
            else if (Remedy is not null)
            {
                text.AppendLine().Append(Fix is not null ? "  about the fix: " : undecided ? $"  if {RemedyOnlyIf}, then what to change: " : "  what to change: ").Append(Remedy);
            }

            return text.ToString();
        }
    }

    /// <summary>
    /// Whether the verdict is not decided: something it depends on could not be read, or it depends on a value not known
    /// here; not a conditional pass or denial, whose conditions are named.
    /// </summary>
    internal bool IsUndecided => Decision == Decision.Unknown
        && !(Gaps.Count == 0 && IsConditional && (IsAllowedUnderSomeConditions || IsDeniedWhateverTheConditions));

    /// <summary>When <see cref="IsUndecided"/>: each thing not known, with why (the gaps, or the value the decision depends on).</summary>
    internal IReadOnlyList<string> Unknowns
    {
        get
        {
            if (!IsUndecided)
            {
                return [];
            }

            var unknowns = Gaps.Select(g => g.ToString()).ToList();
            if (Undecided is not null)
            {
                unknowns.Add(Undecided);
            }
            else if (Gaps.Count == 0)
            {
                unknowns.Add($"the decision in some circumstances: {Describe()}");
            }

            return unknowns;
        }
    }

    /// <summary>When <see cref="IsUndecided"/>: what would decide it.</summary>
    internal string? DecidedBy => !IsUndecided ? null
        : string.Join("; ", new[]
        {
            Gaps.Count > 0 ? $"reading {string.Join(", ", Gaps.Select(g => g.Subject))}" : null,
            Decider ?? (Gaps.Count == 0 && Undecided is null ? "the circumstances of the call (how it is made, who makes it): ask with them pinned" : null),
        }.OfType<string>());

    /// <summary>When <see cref="IsUndecided"/> and a fix is proposed: the premise under which it is needed and enough.</summary>
    internal string? FixOnlyIf => !IsUndecided || Fix is null ? null : RemedyOnlyIf;

    /// <summary>A value of a circumstance the decision depends on, with why it is not known (a policy variable in a Resource), when no policy is missing.</summary>
    internal string? Undecided { get; init; }

    /// <summary>The short form of <see cref="Undecided"/> for the first line, e.g. <c>it depends on aws:username, which is not known here (...)</c>.</summary>
    internal string? UndecidedBecause { get; init; }

    /// <summary>What would decide <see cref="Undecided"/>.</summary>
    internal string? Decider { get; init; }

    /// <summary>Whether the request was asked as any member of a group (its principal ARN is a stand-in, never shown).</summary>
    internal bool ForAnyGroupMember { get; init; }

    private string RemedyOnlyIf => Gaps.Count > 0 ? "what could not be read neither allows nor denies it" : "the circumstances not decided do not allow it either";

    /// <summary>Where the fix goes, in words: <c>add it as an inline policy of group G (ARN), defined at FILE:LINE (LogicalId)</c>.</summary>
    private string FixPlacement => FixTarget is { } target
        ? $"add it as an inline policy of {target}, {target.Where}"
        : $"add it to the policies of {Subject}";

    /// <summary>The evaluation as shown: a group member's request names "a member of group X", not the stand-in ARN it was built with.</summary>
    private EvaluationResult Shown(EvaluationResult evaluation) =>
        ForAnyGroupMember ? evaluation with { Request = evaluation.Request with { Principal = Subject } } : evaluation;

    /// <summary>Why the evaluation decided as it did, without the decision itself: the rule, the statements, the layer lacking an allow, the keys not supplied.</summary>
    private static string Reasons(EvaluationResult evaluation)
    {
        var text = new StringBuilder();
        if (evaluation.DecidingRule is not null)
        {
            text.Append(' ').Append(evaluation.DecidingRule);
        }

        foreach (var statement in evaluation.DecidingStatements)
        {
            text.Append(' ').Append(statement).Append(" applies.");
        }

        if (evaluation.LayerLackingAllow is { } lacking)
        {
            text.Append(' ').Append(lacking.Reason ?? $"No statement in the {lacking.Name} allows it.");
        }

        if (evaluation.MissingContextKeys.Count > 0)
        {
            text.Append(" The request did not supply ").Append(string.Join(", ", evaluation.MissingContextKeys)).Append('.');
        }

        return text.Length == 0 ? $"{evaluation.Decision}." : text.ToString(1, text.Length - 1);
    }

    /// <summary>
    /// Throws when the role cannot be passed, or only under some circumstances, or that is unknown: the one-line
    /// assertion for any test framework.
    /// </summary>
    /// <returns>This verdict, when allowed whatever the circumstances.</returns>
    /// <exception cref="PassRoleAssertionException">The decision is not <see cref="Decision.Allowed"/>; the message is <see cref="Explanation"/>.</exception>
    public PassRoleVerdict ThrowIfNotAllowed() => IsAllowed ? this : throw new PassRoleAssertionException(this);

    /// <summary>
    /// Throws when the role can be passed, under any circumstance, or that is unknown: for "must not be able to"
    /// tests. A verdict denied in every class of circumstances (an explicit deny in some, an implicit one in others)
    /// passes.
    /// </summary>
    /// <returns>This verdict, when denied.</returns>
    /// <exception cref="PassRoleAssertionException">Some circumstance allows it, or the decision is unknown; the message is <see cref="Explanation"/>.</exception>
    public PassRoleVerdict ThrowIfNotDenied() => IsDeniedWhateverTheConditions ? this : throw new PassRoleAssertionException(this);

    /// <inheritdoc />
    public override string ToString() => Explanation;
}

/// <summary>A pass-role assertion failed; the message explains the decision (framework-agnostic: any test runner reports it).</summary>
public sealed class PassRoleAssertionException : Exception
{
    /// <summary>Creates the exception from the verdict that failed.</summary>
    /// <param name="verdict">The verdict.</param>
    public PassRoleAssertionException(PassRoleVerdict verdict)
        : base((verdict ?? throw new ArgumentNullException(nameof(verdict))).Explanation)
    {
        Verdict = verdict;
    }

    /// <summary>Creates the exception.</summary>
    public PassRoleAssertionException()
        : base("A pass-role assertion failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public PassRoleAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PassRoleAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The verdict that failed, when created from one.</summary>
    public PassRoleVerdict? Verdict { get; }
}
