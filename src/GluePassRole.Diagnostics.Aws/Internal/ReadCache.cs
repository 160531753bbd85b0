using System.Collections.Concurrent;

namespace GluePassRole.Diagnostics.Aws.Internal;

/// <summary>
/// Remembers each read (as a task, so concurrent askers share one call) for a short time: within one investigation every
/// user, group, role and managed policy version is fetched once. Cancelled reads are forgotten.
/// </summary>
internal sealed class ReadCache(TimeProvider time, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<T> GetOrStart<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                var usable = existing.ExpiresAt > now && !(existing.Task.IsCanceled && !cancellationToken.IsCancellationRequested);
                if (usable)
                {
                    return (Task<T>)existing.Task;
                }

                _entries.TryRemove(new KeyValuePair<string, Entry>(key, existing));
                continue;
            }

            var started = new Lazy<Task<T>>(() => read(cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            var entry = new Entry(new LazyTask<T>(started), now + duration);
            if (_entries.TryAdd(key, entry))
            {
                return started.Value;
            }
        }
    }

    public void Clear() => _entries.Clear();

    private sealed record Entry(ILazyTask Lazy, DateTimeOffset ExpiresAt)
    {
        public Task Task => Lazy.Task;
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
