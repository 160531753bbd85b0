using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>The assembly's log messages. Event IDs 3000-3099 are this assembly's and are never reused.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, EventName = "AwsCall", Level = LogLevel.Debug, Message = "{Client} {Operation}")]
    public static partial void Calling(ILogger logger, string client, string operation);

    [LoggerMessage(EventId = 3001, EventName = "AwsReadFailed", Level = LogLevel.Warning, Message = "Could not read {Subject} ({Permission}, error code {ErrorCode}); it is reported as unknown")]
    public static partial void ReadFailed(ILogger logger, string subject, string permission, string? errorCode, Exception exception);

    [LoggerMessage(EventId = 3002, EventName = "AuthorizationDetailsRead", Level = LogLevel.Information, Message = "Read the account's authorization details: {Users} users, {Groups} groups, {Roles} roles, {Policies} managed policies in {Pages} pages")]
    public static partial void AuthorizationDetailsRead(ILogger logger, int users, int groups, int roles, int policies, int pages);

    [LoggerMessage(EventId = 3003, EventName = "AuthorizationDetailsUnavailable", Level = LogLevel.Information, Message = "GetAccountAuthorizationDetails could not be used ({Reason}); reading IAM with targeted calls instead")]
    public static partial void AuthorizationDetailsUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3004, EventName = "SimulationFailed", Level = LogLevel.Warning, Message = "iam:SimulatePrincipalPolicy failed for {PolicySourceArn} (error code {ErrorCode})")]
    public static partial void SimulationFailed(ILogger logger, string policySourceArn, string? errorCode, Exception exception);
}
