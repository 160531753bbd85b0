namespace GluePassRole.Diagnostics.Policies.Reporting;

#pragma warning disable SA1402, SA1649 // the finding model's parts read best together

/// <summary>
/// How much a finding matters, on the one scale every report uses (investigation, audit, <c>check</c>,
/// <c>policy validate</c>). Each report keeps its own enum and maps to this one.
/// </summary>
public enum ReportSeverity
{
    /// <summary>Worth knowing, or a minor problem or an opportunity to improve.</summary>
    Note,

    /// <summary>A problem: broader than least privilege, or something to check or fix.</summary>
    Warning,

    /// <summary>A serious problem: a denial's cause, a failed check, an escalation path, a document AWS rejects.</summary>
    Error,
}

/// <summary>What the rule concluded about its subject: a problem, a pass, or that it could not decide.</summary>
public enum ReportOutcome
{
    /// <summary>The rule found a problem, as serious as the finding's <see cref="ReportFinding.Severity"/>.</summary>
    Problem,

    /// <summary>The rule could not decide whether there is a problem: data it needs is unknown or could not be read.</summary>
    Undecided,

    /// <summary>The rule passes only under conditions the tool cannot know (how the call is made, what a service sends).</summary>
    Conditional,

    /// <summary>The rule was evaluated and found no problem.</summary>
    Pass,

    /// <summary>Information about the subject that is not a problem.</summary>
    Information,
}

/// <summary>
/// Where a finding is: a file (with its line and column when known) and the thing inside it or in the account it is about
/// (a logical ID, a Terraform address, a principal ARN, a JSON path).
/// </summary>
public sealed record ReportLocation
{
    /// <summary>The file, as the tool read it (absolute or relative to the current folder); <see langword="null"/> when the finding has no file (a live account).</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column, when known.</summary>
    public int? Column { get; init; }

    /// <summary>The logical thing it is about, e.g. <c>EtlRole.AssumeRolePolicyDocument</c> or a principal ARN.</summary>
    public string? LogicalName { get; init; }

    /// <summary>What kind of thing <see cref="LogicalName"/> is, e.g. <c>resource</c>, <c>member</c>.</summary>
    public string? LogicalKind { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{File}{(Line is int line ? $":{line}" : string.Empty)}{(Column is int column ? $":{column}" : string.Empty)}{(LogicalName is null ? string.Empty : $" ({LogicalName})")}".Trim();
}

/// <summary>One fact behind a finding, as a name and a value, e.g. <c>statement</c> = <c>AllowPass</c>.</summary>
/// <param name="Name">The fact's stable name, camelCase (e.g. <c>policy</c>, <c>jsonPath</c>, <c>decidedBy</c>).</param>
/// <param name="Value">Its value as text.</param>
public sealed record ReportFact(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}={Value}";
}

/// <summary>
/// One finding in the form every report shares: a stable code, how much it matters, what the rule concluded, what it is
/// about, the facts behind it and where it is. Every finding type of the tool projects to it (e.g.
/// <c>PolicyFinding.ToReportFinding</c>), and every SARIF log is written from it.
/// </summary>
/// <param name="Code">The stable code (SARIF's <c>ruleId</c>), e.g. <c>GPR004</c>, <c>Escalation</c>, <c>PassRoleOnAnyRole</c>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Subject">What it is about: a principal or role ARN, a Glue resource, a statement, a file.</param>
/// <param name="Message">The sentence the producing report wrote for people.</param>
public sealed record ReportFinding(string Code, ReportSeverity Severity, string Subject, string Message)
{
    /// <summary>What the rule concluded. The default is <see cref="ReportOutcome.Problem"/>.</summary>
    public ReportOutcome Outcome { get; init; } = ReportOutcome.Problem;

    /// <summary>The facts behind the finding, as data, in a stable order.</summary>
    public IReadOnlyList<ReportFact> Evidence { get; init; } = [];

    /// <summary>Where it is; empty when the producer does not know (the report names a default, e.g. the input file).</summary>
    public IReadOnlyList<ReportLocation> Locations { get; init; } = [];

    /// <summary>What identifies the finding across runs (for SARIF's <c>partialFingerprints</c>), when the producer has one.</summary>
    public string? Fingerprint { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"[{Severity}{(Outcome == ReportOutcome.Problem ? string.Empty : $", {Outcome}")}] {Code} {Subject}: {Message}";
}

/// <summary>A kind of finding: what its code means, for SARIF rule metadata and help.</summary>
/// <param name="Code">The stable code findings carry.</param>
/// <param name="Title">One sentence.</param>
public sealed record ReportRule(string Code, string Title)
{
    /// <summary>The longer description (why it matters), when there is one.</summary>
    public string? Description { get; init; }

    /// <summary>Where it is documented.</summary>
    public Uri? HelpUri { get; init; }

    /// <summary>The severity of its findings when they are problems, when every finding of it has the same.</summary>
    public ReportSeverity? DefaultSeverity { get; init; }

    /// <summary>Tags, e.g. <c>security</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Extra facts about the rule, e.g. its kind in the producing report.</summary>
    public IReadOnlyList<ReportFact> Properties { get; init; } = [];
}
