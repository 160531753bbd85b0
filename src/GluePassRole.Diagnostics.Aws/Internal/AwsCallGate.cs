using GluePassRole.Diagnostics.Aws.Internal.Protocol;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// One service client, created on first use (so missing credentials surface as an unreadable answer, not a DI failure),
/// with a bound on concurrent calls, the per-call timeout, the one failure mapping and a count of the calls made.
/// </summary>
internal sealed class AwsCallGate<TClient> : IDisposable
    where TClient : LiteServiceClient, ILiteClient
{
    private readonly Lazy<TClient> _client;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _callTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _calls;

    public AwsCallGate(Func<TClient> create, PassRoleDiagnosticsAwsOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentRequests, 1);
        _client = new Lazy<TClient>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
        _callTimeout = options.CallTimeout;
        _time = time;
        _logger = logger;
    }

    /// <summary>The number of calls sent (each counted once, however many times the SDK retried it).</summary>
    public int CallCount => Volatile.Read(ref _calls);

    /// <summary>
    /// Sends <paramref name="operation"/> and selects from its response. A failure (including the per-call timeout, which
    /// starts once a slot is free) is thrown as an <see cref="AwsCallException"/>; the caller's cancellation propagates.
    /// </summary>
    public async Task<TResult> RunAsync<TResponse, TResult>(string operation, Func<TClient, CancellationToken, Task<TResponse>> call, Func<TResponse, TResult> select, CancellationToken cancellationToken)
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
