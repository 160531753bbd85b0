using System.Collections.Concurrent;
using GluePassRole.Diagnostics.Sources;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Remembers each read (as a task, so concurrent askers share one call) for a short time: within one investigation every
/// user, group, role and managed policy version is fetched once. Cancelled reads are forgotten, and a read that failed
/// (denied, timed out; or read in part) is kept only for <see cref="FailureRetention"/>: long enough to spare one investigation a second
/// wait on the same call, short enough that a rerun after a permission fix or a network blip reads again.
/// </summary>
internal sealed class ReadCache(TimeProvider time, TimeSpan duration)
{
    /// <summary>How long a failed read is reused (at most the cache duration).</summary>
    public static readonly TimeSpan FailureRetention = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<SourceResult<T>> GetOrStart<T>(string key, Func<CancellationToken, Task<SourceResult<T>>> read, CancellationToken cancellationToken)
        where T : notnull
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                var usable = existing.ExpiresAt > now
                    && !(existing.Task.IsCanceled && !cancellationToken.IsCancellationRequested)
                    && !(existing.Failed() && existing.StartedAt + FailureRetention <= now);
                if (usable)
                {
                    return (Task<SourceResult<T>>)existing.Task;
                }

                _entries.TryRemove(new KeyValuePair<string, Entry>(key, existing));
                continue;
            }

            var started = new Lazy<Task<SourceResult<T>>>(() => read(cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            var entry = new Entry(new LazyTask<SourceResult<T>>(started), now, now + duration)
            {
                Failed = () => started.IsValueCreated && started.Value.IsCompletedSuccessfully && Failed(started.Value.Result),
            };
            if (_entries.TryAdd(key, entry))
            {
                return started.Value;
            }
        }
    }

    public void Clear() => _entries.Clear();

    /// <summary>Unreadable, or read in part (an inline policy that was denied or broken while its neighbours were read).</summary>
    private static bool Failed<T>(SourceResult<T> result)
        where T : notnull =>
        result.Status == SourceResultStatus.Unreadable || result.Value is InlinePolicyReads { Unread.Count: > 0 };

    private sealed record Entry(ILazyTask Lazy, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt)
    {
        public Task Task => Lazy.Task;

        public required Func<bool> Failed { get; init; }
    }

    private interface ILazyTask
    {
        Task Task { get; }
    }

    private sealed class LazyTask<T>(Lazy<Task<T>> lazy) : ILazyTask
    {
        public Task Task => lazy.Value;
    }
}
