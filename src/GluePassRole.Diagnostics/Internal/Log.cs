using GluePassRole.Diagnostics.Investigation;
using GluePassRole.Diagnostics.Policies.Evaluation;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Internal;

/// <summary>The library's log messages. Event IDs are public contract: never renumbered or reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "InvestigationStarting", Level = LogLevel.Debug, Message = "Investigating iam:PassRole for {Principal} on {Role} to {Service}")]
    public static partial void InvestigationStarting(ILogger logger, string? principal, string? role, string service);

    [LoggerMessage(EventId = 2, EventName = "StepCompleted", Level = LogLevel.Debug, Message = "Step {Step}: {Outcome} in {Elapsed} with {FindingCount} findings")]
    public static partial void StepCompleted(ILogger logger, string step, StepOutcome outcome, TimeSpan elapsed, int findingCount);

    [LoggerMessage(EventId = 3, EventName = "InvestigationCompleted", Level = LogLevel.Information, Message = "iam:PassRole investigation for {Principal} on {Role}: {Decision}")]
    public static partial void InvestigationCompleted(ILogger logger, string? principal, string? role, Decision decision);
}
