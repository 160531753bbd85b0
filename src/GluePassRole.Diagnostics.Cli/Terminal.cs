using GluePassRole.Diagnostics.Internal;
using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;

namespace GluePassRole.Diagnostics.Cli;

/// <summary>Colour and progress for people at a terminal; plain text when output is redirected or NO_COLOR is set.</summary>
internal static class Terminal
{
    public static bool UseColour(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static bool ShowProgress(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Colours the verdict line from the decision: green when allowed, red when denied, yellow when unknown.</summary>
    public static string Verdict(string line, Decision decision)
    {
        var code = decision switch
        {
            Decision.Allowed => "32",
            Decision.Unknown => "33",
            _ => "31",
        };
        return $"\u001b[1;{code}m{line}\u001b[0m";
    }
}

/// <summary>Shows each investigation step as it starts and completes, on standard error: an observer, not a log reader.</summary>
internal sealed class StepProgress(TextWriter writer) : IInvestigationObserver
{
    public void OnStepStarting(string stepName) => writer.WriteLine($"  \u2026 {stepName}");

    public void OnStepCompleted(StepRecord record) =>
        writer.WriteLine($"  {(record.Outcome == StepOutcome.Completed ? "\u2713" : "-")} {record.Name}: {record.Outcome.ToString().ToLowerInvariant()} in {Durations.Text(record.Duration)}{(record.Note is null ? string.Empty : " (" + record.Note + ")")}");
}
