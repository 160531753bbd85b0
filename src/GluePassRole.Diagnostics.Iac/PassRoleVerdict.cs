using System.Text;
using GluePassRole.Diagnostics.Policies;
using GluePassRole.Diagnostics.Policies.Evaluation;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Iac;

/// <summary>Whether a principal or group can pass a role to a service, with the explanation a failing test should print.</summary>
/// <param name="Subject">Who passes the role: a principal ARN or <c>group NAME</c>.</param>
/// <param name="RoleArn">The role, as an ARN with its path (or as given when the role could not be read).</param>
/// <param name="Service">The service the role is passed to.</param>
/// <param name="Decision">The decision; <see cref="Decision.Unknown"/> when a policy it depends on is unknown before deploy or could not be read.</param>
public sealed record PassRoleVerdict(string Subject, string RoleArn, string Service, Decision Decision)
{
    /// <summary>The evaluation, when the policies could be read.</summary>
    public EvaluationResult? Evaluation { get; init; }

    /// <summary>What could not be read or known, which makes the decision unknown (SCPs excepted: see <see cref="Notes"/>).</summary>
    public IReadOnlyList<SourceGap> Gaps { get; init; } = [];

    /// <summary>Facts to know: SCPs not known, names generated at deploy, bundled copies used.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The least-privilege policy that would allow the request, when it is denied.</summary>
    public PolicyDocument? Fix { get; init; }

    /// <summary>Where the deciding and nearly-matching policies are defined in the IaC.</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary>Whether the decision is <see cref="Decision.Allowed"/>.</summary>
    public bool IsAllowed => Decision == Decision.Allowed;

    /// <summary>The explanation: decision, deciding statements, the layer lacking an allow, near misses with their origin, the fix, gaps and notes.</summary>
    public string Explanation
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Subject).Append(IsAllowed ? " can" : Decision == Decision.Unknown ? " may or may not be able to" : " cannot")
                .Append(" pass ").Append(RoleArn).Append(" to ").Append(Service).Append(" (").Append(Decision).Append(").");
            if (Evaluation is { } evaluation)
            {
                text.AppendLine().Append("  ").Append(evaluation.Explanation);
                foreach (var miss in evaluation.Misses.Take(5))
                {
                    text.AppendLine().Append("  near miss: ").Append(miss);
                }
            }

            foreach (var origin in Origins)
            {
                text.AppendLine().Append("  defined at: ").Append(origin);
            }

            foreach (var gap in Gaps)
            {
                text.AppendLine().Append("  unknown: ").Append(gap);
            }

            foreach (var note in Notes)
            {
                text.AppendLine().Append("  note: ").Append(note);
            }

            if (Fix is not null)
            {
                text.AppendLine().Append("  fix (least privilege): ").Append(Fix.ToJson(indented: false));
            }

            return text.ToString();
        }
    }

    /// <summary>Throws when the role cannot be passed (or that is unknown): the one-line assertion for any test framework.</summary>
    /// <returns>This verdict, when allowed.</returns>
    /// <exception cref="PassRoleAssertionException">The decision is not <see cref="Decision.Allowed"/>; the message is <see cref="Explanation"/>.</exception>
    public PassRoleVerdict ThrowIfNotAllowed() => IsAllowed ? this : throw new PassRoleAssertionException(this);

    /// <summary>Throws when the role can be passed (or that is unknown): for "must not be able to" tests.</summary>
    /// <returns>This verdict, when denied.</returns>
    /// <exception cref="PassRoleAssertionException">The decision is <see cref="Decision.Allowed"/> or unknown; the message is <see cref="Explanation"/>.</exception>
    public PassRoleVerdict ThrowIfNotDenied() => Decision is Decision.ImplicitDeny or Decision.ExplicitDeny ? this : throw new PassRoleAssertionException(this);

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
