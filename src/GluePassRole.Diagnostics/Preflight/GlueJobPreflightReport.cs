using GluePassRole.Diagnostics.Policies;

namespace GluePassRole.Diagnostics.Preflight;

/// <summary>What to check: can <see cref="Principal"/> save and run Glue job <see cref="JobName"/>, and can its role do its work.</summary>
public sealed record GlueJobPreflightRequest
{
    /// <summary>The Glue job's name.</summary>
    public required string JobName { get; init; }

    /// <summary>Who saves and runs the job (an IAM user or role ARN, or a role session ARN); the caller identity when <see langword="null"/>.</summary>
    public string? Principal { get; init; }

    /// <summary>The job's Region (names its ARN and its log groups). When <see langword="null"/>, the Region is unknown and needs that name it are decided in every Region a policy names.</summary>
    public string? Region { get; init; }

    /// <summary>The moment to evaluate at; now when <see langword="null"/>.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The name of the session Glue gives the role at run time, in <c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>.</summary>
    /// <value>The default value is <c>GlueJobRunnerSession</c>, the name in the runtime AccessDenied errors of Glue jobs.</value>
    public string RoleSessionName { get; init; } = "GlueJobRunnerSession";
}

/// <summary>Who a need is asked of.</summary>
public enum NeedSubject
{
    /// <summary>The principal that saves and runs the job.</summary>
    Principal,

    /// <summary>A service principal: Glue assuming the role, or CloudWatch Logs using the security configuration's key (decided on the key policy alone).</summary>
    Service,

    /// <summary>The job's role, as the session Glue runs the job with.</summary>
    Role,
}

/// <summary>The answer to one need.</summary>
public enum NeedDecision
{
    /// <summary>Allowed.</summary>
    Allowed,

    /// <summary>Allowed or denied depending on circumstances the tool cannot read (see <see cref="PreflightNeed.Conditions"/>).</summary>
    Conditional,

    /// <summary>No policy allows it.</summary>
    ImplicitDeny,

    /// <summary>A policy denies it.</summary>
    ExplicitDeny,

    /// <summary>Data the decision depends on could not be read (see <see cref="PreflightNeed.Unread"/>).</summary>
    Unknown,
}

/// <summary>One thing the job needs, decided.</summary>
/// <param name="Id">A stable identifier, e.g. <c>role.script.read</c>.</param>
/// <param name="Why">Why the job needs it, for people.</param>
/// <param name="Subject">Who is asked.</param>
/// <param name="Principal">The principal of the request (an ARN, or the service principal).</param>
/// <param name="Action">The action.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Decision">The answer.</param>
public sealed record PreflightNeed(string Id, string Why, NeedSubject Subject, string Principal, string Action, string Resource, NeedDecision Decision)
{
    /// <summary>The AWS documentation page that says the job needs it.</summary>
    public string? Documentation { get; init; }

    /// <summary>For a conditional decision, each decision with the circumstances under which it holds.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>What blocks it: the denying statements, or the layer without an allow.</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>For an allowed need, the statements that grant it.</summary>
    public IReadOnlyList<string> GrantedBy { get; init; } = [];

    /// <summary>What could not be read that the decision depends on.</summary>
    public IReadOnlyList<string> Unread { get; init; } = [];

    /// <summary>Whether the need holds.</summary>
    public bool Passed => Decision == NeedDecision.Allowed;
}

/// <summary>A proposed change that grants needs, verified by evaluating the needs again with it.</summary>
/// <param name="Target">What the change is made to, e.g. <c>role etl-runtime</c>.</param>
/// <param name="PolicyName">The inline policy's name.</param>
/// <param name="Document">The policy.</param>
/// <param name="Command">The AWS CLI command that applies it.</param>
public sealed record PreflightFix(string Target, string PolicyName, PolicyDocument? Document, string Command)
{
    /// <summary>The needs it grants (their ids).</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Each need's decision before and after the fix, e.g. <c>role.script.read: ImplicitDeny -&gt; Allowed</c>.</summary>
    public IReadOnlyList<string> Verification { get; init; } = [];

    /// <summary>Whether every need it addresses is allowed with it.</summary>
    public bool Verified { get; init; }

    /// <summary>What else must change for the needs it cannot grant (a key policy, a bucket policy, a boundary).</summary>
    public IReadOnlyList<string> AlsoRequired { get; init; } = [];
}

/// <summary>The answer to "will this Glue job work?": a checklist of needs, what was not read, and the fixes.</summary>
public sealed record GlueJobPreflightReport
{
    /// <summary>The version of the JSON contract (<c>docs/glue-preflight.schema.json</c>).</summary>
    public const int SchemaVersion = 1;

    /// <summary>The job.</summary>
    public required string Job { get; init; }

    /// <summary>The job's role ARN, when known.</summary>
    public string? Role { get; init; }

    /// <summary>The principal that saves and runs the job.</summary>
    public string? Principal { get; init; }

    /// <summary>The needs, in checklist order.</summary>
    public IReadOnlyList<PreflightNeed> Needs { get; init; } = [];

    /// <summary>Everything that could not be read (resource policies, job parts, policies), named.</summary>
    public IReadOnlyList<string> Unread { get; init; } = [];

    /// <summary>The fixes: one for the role, one for the principal, and the PassRole fix of the investigation.</summary>
    public IReadOnlyList<PreflightFix> Fixes { get; init; } = [];

    /// <summary>Whether every need is allowed.</summary>
    public bool AllPassed => Needs.Count > 0 && Needs.All(n => n.Passed);

    /// <summary>Whether some need is unknown (its data could not be read).</summary>
    public bool IsIncomplete => Needs.Any(n => n.Decision == NeedDecision.Unknown);
}

/// <summary>Answers "will this Glue job work?".</summary>
public interface IGlueJobPreflight
{
    /// <summary>Decides every need of the job: saving and running it, passing its role, Glue assuming the role, and the role's run-time needs.</summary>
    /// <param name="request">The job and the principal.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The checklist.</returns>
    Task<GlueJobPreflightReport> RunAsync(GlueJobPreflightRequest request, CancellationToken cancellationToken = default);
}
