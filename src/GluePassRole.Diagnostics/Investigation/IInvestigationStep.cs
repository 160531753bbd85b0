namespace GluePassRole.Diagnostics.Investigation;

/// <summary>
/// One step of the investigation. Steps run in registration order; each reads the context the previous steps built and
/// returns its findings and new facts. A step that cannot read what it needs reports an <see cref="FindingCodes.UnreadableData"/>
/// finding and returns; the rest still runs.
/// </summary>
public interface IInvestigationStep
{
    /// <summary>A short, stable name, e.g. <c>read-role</c>.</summary>
    string Name { get; }

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

/// <summary>A step's result: its outcome, its findings and the context carrying its new facts.</summary>
/// <param name="Outcome">What the step did.</param>
/// <param name="Context">The context with the step's facts added (the same instance when nothing changed).</param>
public sealed record StepResult(StepOutcome Outcome, InvestigationContext Context)
{
    /// <summary>The step's findings.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>A short note for the step record, e.g. why the step was skipped.</summary>
    public string? Note { get; init; }

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
