using System.Collections.Concurrent;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Gatehouse.GraphQL;

/// <summary>
/// Parsed and validated documents of one schema, by query text. A hit skips parsing and validation, which
/// are most of the cost of a small request; only documents that passed validation are stored. The type
/// parameter gives each schema a cache of its own.
/// </summary>
public sealed class DocumentCache<TSchema>(IOptions<GraphQLOptions> options)
{
    // Real clients send the same few documents of a few KiB; not caching longer ones bounds the memory a
    // client can pin to DocumentCacheSize times this.
    private const int MaxQueryLength = 8 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public int Count => _entries.Count;

    public GraphQLDocument? Find(string query)
    {
        if (!_entries.TryGetValue(query, out var entry))
        {
            return null;
        }

        entry.LastUsed = Interlocked.Increment(ref _clock);
        return entry.Document;
    }

    public void Add(string query, GraphQLDocument document)
    {
        var capacity = options.Value.DocumentCacheSize;
        if (capacity <= 0 || query.Length > MaxQueryLength)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            EvictLeastRecentlyUsed(capacity);
        }

        _entries[query] = new Entry(document) { LastUsed = Interlocked.Increment(ref _clock) };
    }

    // Evicting a tenth at once keeps the sort rare: it runs once per capacity/10 new documents.
    private void EvictLeastRecentlyUsed(int capacity)
    {
        var victims = _entries.OrderBy(pair => pair.Value.LastUsed).Take(Math.Max(1, capacity / 10)).ToList();
        foreach (var victim in victims)
        {
            _entries.TryRemove(victim.Key, out _);
        }
    }

    private sealed class Entry(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        public long LastUsed { get; set; }
    }
}
