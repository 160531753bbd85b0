using Amazon.Runtime;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>Turns a failed AWS read into the port's answer: not found, or unreadable with the cause. Never a deny.</summary>
internal static class AwsFailures
{
    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnauthorizedAccess",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "NoSuchEntity",
        "EntityNotFoundException",
        "ChildNotFoundException",
        "TargetNotFoundException",
        "PolicyNotFoundException",
    };

    public static bool IsAccessDenied(AmazonServiceException exception) => exception.ErrorCode is { } code && AccessDeniedCodes.Contains(code);

    public static bool IsNotFound(AmazonServiceException exception) => exception.ErrorCode is { } code && NotFoundCodes.Contains(code);

    /// <summary>The answer for a failed call made to read <paramref name="subject"/> with <paramref name="permission"/>.</summary>
    public static SourceResult<T> ToResult<T>(AmazonServiceException exception, string permission, string subject)
        where T : notnull
    {
        if (IsNotFound(exception))
        {
            return SourceResult.NotFound<T>(subject);
        }

        var code = string.IsNullOrEmpty(exception.ErrorCode) ? null : exception.ErrorCode;
        var denied = IsAccessDenied(exception);
        var message = denied
            ? $"Reading {subject} was denied: the investigating credentials lack {permission}. {exception.Message}"
            : $"Reading {subject} failed ({(int)exception.StatusCode} {code ?? "no error code"}): {exception.Message}";
        return SourceResult.Unreadable<T>(new SourceError(message.Trim())
        {
            ErrorCode = code,
            MissingPermission = denied ? permission : null,
            Location = permission,
        });
    }

    /// <summary>The answer for a call that never reached AWS or whose answer could not be used (no credentials, network, bad body).</summary>
    public static SourceResult<T> ToResult<T>(Exception exception, string permission, string subject)
        where T : notnull =>
        SourceResult.Unreadable<T>(new SourceError($"Reading {subject} failed: {exception.Message}") { Location = permission });
}
