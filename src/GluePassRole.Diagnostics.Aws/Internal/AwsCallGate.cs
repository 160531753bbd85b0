using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// One service client, created on first use (so missing credentials surface as an unreadable answer, not a DI failure),
/// with a bound on concurrent calls and a count of the calls made.
/// </summary>
internal sealed class AwsCallGate<TClient> : IDisposable
    where TClient : AmazonServiceClient
{
    private readonly Lazy<TClient> _client;
    private readonly SemaphoreSlim _slots;
    private readonly ILogger _logger;
    private int _calls;

    public AwsCallGate(Func<TClient> create, int maxConcurrentRequests, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentRequests, 1);
        _client = new Lazy<TClient>(create, LazyThreadSafetyMode.ExecutionAndPublication);
        _slots = new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests);
        _logger = logger;
    }

    /// <summary>The number of calls sent (each counted once, however many times the SDK retried it).</summary>
    public int CallCount => Volatile.Read(ref _calls);

    public async Task<TResult> RunAsync<TResponse, TResult>(string operation, Func<TClient, CancellationToken, Task<TResponse>> call, Func<TResponse, TResult> select, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var client = _client.Value;
            Interlocked.Increment(ref _calls);
            Log.Calling(_logger, typeof(TClient).Name, operation);
            return select(await call(client, cancellationToken).ConfigureAwait(false));
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
