namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Runs one AWS call (the SDK's retries included) under the per-call timeout and turns what it throws into an
/// <see cref="AwsCallException"/> carrying the classified failure. The caller's own cancellation and bugs propagate.
/// </summary>
internal static class AwsCall
{
    public static async Task<T> InvokeAsync<T>(string action, Func<CancellationToken, Task<T>> call, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsFailures.Classify(ex, action, timeout, timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested) is { } failure)
        {
            throw new AwsCallException(failure, ex);
        }
    }
}
