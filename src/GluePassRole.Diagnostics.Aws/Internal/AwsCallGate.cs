using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// One service client, created on first use (so missing credentials surface as an unreadable answer, not a DI failure),
/// with a bound on concurrent calls, the per-call timeout, its endpoint's circuit, the one failure mapping and a count of
/// the calls sent.
/// </summary>
internal sealed class AwsCallGate<TClient> : IDisposable
    where TClient : LiteServiceClient, ILiteClient
{
    private readonly Lazy<TClient> _client;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _callTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EndpointCircuits _circuits;
    private int _calls;

    public AwsCallGate(Func<TClient> create, PassRoleDiagnosticsAwsOptions options, TimeProvider time, ILogger logger, EndpointCircuits? circuits = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentRequests, 1);
        _client = new Lazy<TClient>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        _callTimeout = options.CallTimeout;
        _time = time;
        _logger = logger;
        _circuits = circuits ?? EndpointCircuits.Standalone();
    }

    /// <summary>The number of calls sent (each counted once, however many times the SDK retried it; not those an open circuit failed).</summary>
    public int CallCount => Volatile.Read(ref _calls);

    /// <summary>
    /// Sends <paramref name="operation"/> and selects from its response. A failure (including the per-call timeout, which
    /// starts once a slot is free, and an open circuit of the endpoint) is thrown as an <see cref="AwsCallException"/>; the
    /// caller's cancellation propagates.
    /// </summary>
    /// <param name="operation">The operation, e.g. <c>GetRole</c>.</param>
    /// <param name="call">Sends the request with the client.</param>
    /// <param name="select">Selects the result from the response.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <param name="region">The Region the request is sent to when it is not the client's (its endpoint, and so its circuit, follow it).</param>
    public async Task<TResult> RunAsync<TResponse, TResult>(
        string operation, Func<TClient, CancellationToken, Task<TResponse>> call, Func<TResponse, TResult> select, CancellationToken cancellationToken, string? region = null)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var action = TClient.Service.SigningName + ":" + operation;
            return await AwsCall.InvokeAsync(
                action,
                async ct =>
                {
                    var client = _client.Value;
                    Interlocked.Increment(ref _calls);
                    Log.Calling(_logger, typeof(TClient).Name, operation);
                    return select(await call(client, ct).ConfigureAwait(false));
                },
                _callTimeout,
                _time,
                () => _client.Value.Config is LiteClientConfig config && config.EndpointUrl(region) is { } url ? _circuits.ForUrl(url) : null,
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }
}
