using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Cli;

/// <summary>Colour and progress for people at a terminal; plain text when output is redirected or NO_COLOR is set.</summary>
internal static class Terminal
{
    public static bool UseColour(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static bool ShowProgress(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Colours the verdict line: green when allowed, red when denied, yellow when unknown.</summary>
    public static string Colour(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("Verdict: ", StringComparison.Ordinal))
            {
                var code = lines[i].StartsWith("Verdict: Allowed", StringComparison.Ordinal) ? "32"
                    : lines[i].StartsWith("Verdict: Unknown", StringComparison.Ordinal) ? "33"
                    : "31";
                lines[i] = $"\u001b[1;{code}m{lines[i]}\u001b[0m";
            }
        }

        return string.Join('\n', lines);
    }
}

/// <summary>Shows each investigation step as it completes (the investigator's StepCompleted event, id 2) on standard error.</summary>
internal sealed class StepProgressLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StepProgressLogger(writer, categoryName.EndsWith("PassRoleInvestigator", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class StepProgressLogger(TextWriter writer, bool investigator) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => investigator;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (investigator && eventId.Id == 2)
            {
                writer.WriteLine("  \u2713 " + formatter(state, exception));
            }
        }
    }
}
