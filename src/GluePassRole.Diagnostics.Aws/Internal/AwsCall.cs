namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Runs one AWS call (the SDK's retries included) under the per-call timeout and its endpoint's circuit, and turns what it
/// throws into an <see cref="AwsCallException"/> carrying the classified failure. The caller's own cancellation and bugs
/// propagate.
/// </summary>
internal static class AwsCall
{
    /// <summary>Runs <paramref name="call"/>.</summary>
    /// <param name="action">The call's IAM action, e.g. <c>iam:GetRole</c>.</param>
    /// <param name="call">The call, given the token that ends it.</param>
    /// <param name="timeout">The per-call timeout.</param>
    /// <param name="time">The clock of the timeout.</param>
    /// <param name="circuit">
    /// The circuit of the endpoint the call goes to, resolved inside the guard (it may create the client); may be
    /// <see langword="null"/> or answer <see langword="null"/> when the endpoint is not known. When it is open the call is
    /// not sent; when another call opens it, this call is given up; when this call times out or cannot connect, it opens it.
    /// </param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public static async Task<T> InvokeAsync<T>(
        string action, Func<CancellationToken, Task<T>> call, TimeSpan timeout, TimeProvider time, Func<EndpointCircuit?>? circuit, CancellationToken cancellationToken)
    {
        using var timer = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, time);
        EndpointCircuit.Lease? lease = null;
        try
        {
            lease = circuit?.Invoke()?.Enter();
            if (lease is { OpenedBefore: { } openedBy } closed)
            {
                throw new AwsCallException(AwsFailure.Circuit(action, closed.Circuit.Endpoint, openedBy, inFlight: false), null);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token, lease?.Opened ?? CancellationToken.None);
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (ex.Failure.OpenedBy is not null)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !timer.IsCancellationRequested
            && lease is { Opened.IsCancellationRequested: true, OpenedDuring: { } openedBy } given)
        {
            // Another call to the same endpoint timed out or could not connect while this one waited: the same reason, now.
            throw new AwsCallException(AwsFailure.Circuit(action, given.Circuit.Endpoint, openedBy, inFlight: true), ex);
        }
        catch (Exception ex) when (AwsFailures.Classify(ex, action, timeout, timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested) is { } failure)
        {
            if (failure.Unanswered && lease is { } entered)
            {
                entered.Circuit.Trip(failure);
            }

            throw new AwsCallException(failure, ex);
        }
    }
}
