namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// One step of the investigation. Steps run in the order the builder states; each reads the facts earlier steps wrote
/// and returns its findings and new facts. A step that cannot read what it needs reports an
/// <see cref="FindingCodes.UnreadableData"/> finding and returns; the rest still runs. Steps never call each other.
/// </summary>
public interface IInvestigationStep
{
    /// <summary>A short, stable name, e.g. <c>read-role</c>.</summary>
    string Name { get; }

    /// <summary>The facts the step reads (documentation and ordering checks).</summary>
    IReadOnlyCollection<InvestigationFactKey> Reads => [];

    /// <summary>The facts the step may write. The investigator refuses a step that writes a fact it does not declare.</summary>
    IReadOnlyCollection<InvestigationFactKey> Writes => [];

    /// <summary>Runs the step.</summary>
    /// <param name="context">What is known so far.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The findings and the context with the step's new facts.</returns>
    ValueTask<StepResult> RunAsync(InvestigationContext context, CancellationToken cancellationToken);
}

/// <summary>What a step did.</summary>
public enum StepOutcome
{
    /// <summary>The step did its work.</summary>
    Completed,

    /// <summary>The step had nothing to do (e.g. no Glue job was named).</summary>
    Skipped,

    /// <summary>The step could not read what it needed; see its findings.</summary>
    Incomplete,

    /// <summary>The step failed on bad input; see its findings.</summary>
    Failed,
}

/// <summary>A step's result: its outcome, its findings, its line of the checklist, and the context carrying its new facts.</summary>
/// <param name="Outcome">What the step did.</param>
/// <param name="Context">The context with the step's facts added (the same instance when nothing changed).</param>
public sealed record StepResult(StepOutcome Outcome, InvestigationContext Context)
{
    /// <summary>The step's findings.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>A short note for the step record, e.g. why the step was skipped.</summary>
    public string? Note { get; init; }

    /// <summary>The step's line of the report's checklist, when it checks something a reader should see.</summary>
    public InvestigationCheck? Check { get; init; }

    /// <summary>A completed step.</summary>
    /// <param name="context">The updated context.</param>
    /// <param name="findings">Its findings.</param>
    /// <returns>The result.</returns>
    public static StepResult Completed(InvestigationContext context, params Finding[] findings) =>
        new(StepOutcome.Completed, context) { Findings = findings };

    /// <summary>A skipped step.</summary>
    /// <param name="context">The unchanged context.</param>
    /// <param name="why">Why it was skipped.</param>
    /// <returns>The result.</returns>
    public static StepResult Skipped(InvestigationContext context, string why) => new(StepOutcome.Skipped, context) { Note = why };

    /// <summary>A step that could not read what it needed.</summary>
    /// <param name="context">The context (possibly with partial facts).</param>
    /// <param name="findings">Findings naming what could not be read.</param>
    /// <returns>The result.</returns>
    public static StepResult Incomplete(InvestigationContext context, params Finding[] findings) =>
        new(StepOutcome.Incomplete, context) { Findings = findings };
}

/// <summary>The outcome of one line of the checklist.</summary>
public enum CheckOutcome
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check failed: see the summary and the findings.</summary>
    Failed,

    /// <summary>The check was not run; the summary says why and how to run it.</summary>
    Skipped,

    /// <summary>The data the check needs could not be read; the summary names what is missing.</summary>
    Unknown,

    /// <summary>Passed under a condition the data cannot settle (a circumstance), named in the check's summary.</summary>
    Conditional,
}

/// <summary>One line of the field note's checklist, as the report opens with it.</summary>
/// <param name="Title">What was checked, e.g. "Account".</param>
/// <param name="Outcome">Passed, failed, skipped or unknown.</param>
/// <param name="Summary">One sentence: what was found, why it was skipped, or what is missing.</param>
public sealed record InvestigationCheck(string Title, CheckOutcome Outcome, string Summary)
{
    /// <summary>Further lines under the summary (the principal's groups and policies, the job's role).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>The step that ran the check.</summary>
    public string? Step { get; init; }
}

/// <summary>
/// Watches an investigation's progress: register implementations with
/// <see cref="DependencyInjection.PassRoleDiagnosticsBuilderExtensions.AddObserver{TObserver}"/>. Called on the
/// investigating thread; keep it quick. Logging stays logging: this is for what a host displays.
/// </summary>
public interface IInvestigationObserver
{
    /// <summary>A step is about to run.</summary>
    /// <param name="stepName">The step's name.</param>
    void OnStepStarting(string stepName);

    /// <summary>A step ended: completed, skipped, incomplete or failed, with its duration.</summary>
    /// <param name="record">The step's record, as the report will hold it.</param>
    void OnStepCompleted(StepRecord record);
}
