using GluePassRole.Diagnostics.Sources;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Wraps one read of a port: a failed call (an <see cref="AwsCallException"/>) or an answer that could not be used
/// becomes the port's result through the one mapping (<see cref="AwsFailure.ToResult{T}"/>), and is logged once.
/// </summary>
internal static class AwsRead
{
    /// <summary>Runs <paramref name="read"/>, answering failures for <paramref name="subject"/>.</summary>
    /// <param name="action">The action whose response is read here; names a malformed response found after the call returned.</param>
    /// <param name="subject">What is read, e.g. <c>role etl-runtime</c>.</param>
    /// <param name="read">The read.</param>
    /// <param name="logger">Where the failure is logged.</param>
    /// <param name="answer">A reader's own meaning for a failure (e.g. "not in an organization" is an answer), before the common mapping.</param>
    public static async Task<SourceResult<T>> GuardAsync<T>(string action, string subject, Func<Task<SourceResult<T>>> read, ILogger logger, Func<AwsFailure, SourceResult<T>?>? answer = null)
        where T : notnull
    {
        AwsFailure failure;
        Exception cause;
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (AwsCallException ex)
        {
            (failure, cause) = (ex.Failure, ex.InnerException ?? ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && AwsFailures.Classify(ex, action, Timeout.InfiniteTimeSpan, timedOut: false) is { Kind: AwsFailureKind.MalformedResponse } malformed)
        {
            (failure, cause) = (malformed, ex);
        }

        Log.ReadFailed(logger, subject, failure.Action, failure.Kind, failure.ErrorCode, cause);
        return answer?.Invoke(failure) ?? failure.ToResult<T>(subject);
    }
}
