using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics.Tensors;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// In-memory vectors of cached questions, one <see cref="SemanticBucket"/> per scope (the hash of
/// everything but the final user message): a search only ever compares questions whose prefix matched
/// exactly. Vectors are stored L2-normalized, so cosine = dot product. Bounded in bytes: past
/// <see cref="MaxBytes"/> the oldest entries go first (insertion order; a rebuild at start should add
/// entries oldest first), and a bucket that empties goes with its last entry. Searches run in
/// parallel; adds and removals are serialized by one writer lock.
/// </summary>
internal sealed class SemanticIndex(long maxBytes)
{
    // Per entry beside the vector and the facts: the key string, its row in two dictionaries, the
    // age-list node and the entry struct. SemanticBenchmarks prints the measured total per entry:
    // about 2.0-2.4 KB at 384 dimensions in one scope, more when scopes hold one entry each.
    private const long EntryOverheadBytes = 200;

    private readonly Lock _writer = new();
    private readonly ConcurrentDictionary<string, SemanticBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<(SemanticBucket Bucket, string Key, long Bytes)>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<(SemanticBucket Bucket, string Key, long Bytes)> _oldestFirst = new();
    private long _bytes;

    public long MaxBytes { get; } = maxBytes > 0 ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes));
    public long Bytes => Interlocked.Read(ref _bytes);
    public int Count { get { lock (_writer) { return _byKey.Count; } } }
    public int ScopeCount => _buckets.Count;

    /// <summary>
    /// Adds or replaces the vector of an entry. A bucket holds one dimension: a vector of another
    /// length (the embedding model changed) empties the bucket first, since old and new vectors cannot
    /// be compared. A zero vector is refused.
    /// </summary>
    public void Add(string scope, string key, ReadOnlySpan<float> vector, DateTimeOffset createdAt, QuestionFacts facts, DateTimeOffset? expiresAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var norm = TensorPrimitives.Norm(vector);
        if (vector.IsEmpty || !(norm > 0) || !float.IsFinite(norm))
        {
            throw new ArgumentException("The vector must be non-empty, finite and not all zeros.", nameof(vector));
        }

        var unit = ArrayPool<float>.Shared.Rent(vector.Length);
        try
        {
            TensorPrimitives.Divide(vector, norm, unit.AsSpan(0, vector.Length));
            var dimensions = vector.Length;
            var bytes = dimensions * 4L + key.Length * 2L + EntryOverheadBytes + facts.EstimatedBytes;
            lock (_writer)
            {
                RemoveLocked(key);
                var bucket = _buckets.GetOrAdd(scope, static (s, d) => new SemanticBucket(s, d), dimensions);
                if (bucket.Dimensions != dimensions)
                {
                    foreach (var stale in bucket.Select(_ => true))
                    {
                        RemoveLocked(stale.Key);
                    }

                    bucket = _buckets.GetOrAdd(scope, static (s, d) => new SemanticBucket(s, d), dimensions);
                }

                bucket.Add(unit.AsSpan(0, dimensions), new SemanticEntry(key, createdAt, expiresAt, facts));
                _byKey[key] = _oldestFirst.AddLast((bucket, key, bytes));
                Interlocked.Add(ref _bytes, bytes);
                while (_bytes > MaxBytes && _oldestFirst.First is { } oldest)
                {
                    RemoveLocked(oldest.Value.Key);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(unit);
        }
    }

    public bool Remove(string key)
    {
        lock (_writer)
        {
            return RemoveLocked(key);
        }
    }

    /// <summary>Removes every entry the predicate selects (a sweep of invalidated or expired entries); returns how many.</summary>
    public int RemoveWhere(Func<SemanticEntry, bool> predicate)
    {
        var removed = 0;
        foreach (var bucket in _buckets.Values)
        {
            foreach (var entry in bucket.Select(predicate))
            {
                removed += Remove(entry.Key) ? 1 : 0;
            }
        }

        return removed;
    }

    /// <summary>
    /// The k stored questions of the scope nearest to the query, best first, with their cosine.
    /// Entries the liveness predicate rejects (invalidated, expired) are skipped. An unknown scope or a
    /// query of another dimension finds nothing.
    /// </summary>
    public IReadOnlyList<SemanticNeighbor> Search(string scope, ReadOnlySpan<float> query, int k, Func<SemanticEntry, bool>? isLive = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var norm = TensorPrimitives.Norm(query);
        if (!_buckets.TryGetValue(scope, out var bucket) || bucket.Dimensions != query.Length || !(norm > 0) || !float.IsFinite(norm))
        {
            return [];
        }

        var unit = ArrayPool<float>.Shared.Rent(query.Length);
        try
        {
            TensorPrimitives.Divide(query, norm, unit.AsSpan(0, query.Length));
            var results = new List<SemanticNeighbor>(k);
            bucket.Search(unit.AsSpan(0, query.Length), k, isLive, results);
            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(unit);
        }
    }

    private bool RemoveLocked(string key)
    {
        if (!_byKey.Remove(key, out var node))
        {
            return false;
        }

        var (bucket, _, bytes) = node.Value;
        _oldestFirst.Remove(node);
        bucket.Remove(key);
        Interlocked.Add(ref _bytes, -bytes);
        if (bucket.Count == 0)
        {
            _buckets.TryRemove(new KeyValuePair<string, SemanticBucket>(bucket.Scope, bucket));
        }

        return true;
    }
}
