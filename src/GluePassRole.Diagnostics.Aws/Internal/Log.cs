using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>The assembly's log messages. Event IDs 3000-3099 are this assembly's and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, EventName = "AwsCall", Level = LogLevel.Debug, Message = "{Client} {Operation}")]
    public static partial void Calling(ILogger logger, string client, string operation);

    [LoggerMessage(EventId = 3001, EventName = "AwsReadFailed", Level = LogLevel.Warning, Message = "Could not read {Subject} ({Action}: {Failure}, error code {ErrorCode}); it is reported as unknown")]
    public static partial void ReadFailed(ILogger logger, string subject, string action, AwsFailureKind failure, string? errorCode, Exception exception);

    [LoggerMessage(EventId = 3002, EventName = "AuthorizationDetailsRead", Level = LogLevel.Information, Message = "Read the account's authorization details: {Users} users, {Groups} groups, {Roles} roles, {Policies} managed policies in {Pages} pages")]
    public static partial void AuthorizationDetailsRead(ILogger logger, int users, int groups, int roles, int policies, int pages);

    [LoggerMessage(EventId = 3003, EventName = "AuthorizationDetailsUnavailable", Level = LogLevel.Information, Message = "GetAccountAuthorizationDetails could not be used ({Reason}); reading IAM with targeted calls instead")]
    public static partial void AuthorizationDetailsUnavailable(ILogger logger, string reason);

    // 3004 (SimulationFailed) is retired: a failed simulation is logged as 3001 like every other read.

    [LoggerMessage(EventId = 3005, EventName = "EndpointCircuitOpened", Level = LogLevel.Warning, Message = "{Endpoint} did not answer {Action} ({Failure}); the other calls to it fail at once for up to {Seconds} s")]
    public static partial void EndpointCircuitOpened(ILogger logger, string endpoint, string action, AwsFailureKind failure, int seconds);
}
