using GraphQL.DataLoader;

namespace Gatehouse.GraphQL;

/// <summary>
/// Collects the keys that resolvers ask for and fetches them all with one query when the first result is
/// needed, so a list of N parents costs one query for their children, not N. One instance lives for one
/// request; execution is serial, so no locking is needed.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<Dictionary<TKey, TValue>>> fetchAsync,
    TValue whenMissing)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _loaded = [];
    private readonly HashSet<TKey> _pending = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        if (!_loaded.ContainsKey(key))
        {
            _pending.Add(key);
        }

        return new Result(this, key);
    }

    /// <summary>Stores a value another query already read, so that loading its key costs no query.</summary>
    public void Prime(TKey key, TValue value)
    {
        if (_loaded.TryAdd(key, value))
        {
            _pending.Remove(key);
        }
    }

    private async Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        if (!_loaded.ContainsKey(key) && _pending.Count > 0)
        {
            var keys = _pending.ToList();
            _pending.Clear();
            var found = await fetchAsync(keys, cancellationToken);
            foreach (var fetched in keys)
            {
                _loaded[fetched] = found.TryGetValue(fetched, out var value) ? value : whenMissing;
            }
        }

        return _loaded.TryGetValue(key, out var result) ? result : whenMissing;
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) =>
            loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await loader.GetAsync(key, cancellationToken);
    }
}

public static class DataLoaderResultExtensions
{
    /// <summary>Maps a pending result without fetching it, so the batch stays one query.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, map);

    /// <summary>Combines two pending results; both batches were queued when they were loaded.</summary>
    public static IDataLoaderResult<TResult> Zip<T1, T2, TResult>(
        this IDataLoaderResult<T1> first,
        IDataLoaderResult<T2> second,
        Func<T1, T2, TResult> map) =>
        new Zipped<T1, T2, TResult>(first, second, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map)
        : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }

    private sealed class Zipped<T1, T2, TResult>(
        IDataLoaderResult<T1> first,
        IDataLoaderResult<T2> second,
        Func<T1, T2, TResult> map)
        : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await first.GetResultAsync(cancellationToken), await second.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
