using System.Numerics.Tensors;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// One scope's vectors, stored back to back in one array (row i = entry i) so a search is a straight
/// SIMD pass. Many searches may run at once; the index's single writer takes the write lock.
/// Removal moves the last row into the hole, so rows have no stable order.
/// </summary>
internal sealed class SemanticBucket(string scope, int dimensions)
{
    // Not disposed: a search may still hold a bucket the writer dropped; the lock has no native state
    // until contention, and the GC reclaims it then.
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private float[] _vectors = new float[dimensions * 4];
    private SemanticEntry[] _entries = new SemanticEntry[4];

    public string Scope { get; } = scope;
    public int Dimensions { get; } = dimensions;
    public int Count { get; private set; }

    /// <summary>Adds a unit vector (already normalized by the index). The writer only.</summary>
    public void Add(ReadOnlySpan<float> unit, SemanticEntry entry)
    {
        _lock.EnterWriteLock();
        try
        {
            if (Count == _entries.Length)
            {
                Array.Resize(ref _entries, Count * 2);
                Array.Resize(ref _vectors, Count * 2 * Dimensions);
            }

            unit.CopyTo(_vectors.AsSpan(Count * Dimensions, Dimensions));
            _entries[Count] = entry;
            _rows[entry.Key] = Count;
            Count++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The writer only.</summary>
    public bool Remove(string key)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.Remove(key, out var row))
            {
                return false;
            }

            var last = Count - 1;
            if (row != last)
            {
                _vectors.AsSpan(last * Dimensions, Dimensions).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
                _entries[row] = _entries[last];
                _rows[_entries[row].Key] = row;
            }

            _entries[last] = default;
            Count = last;
            if (Count > 16 && Count < _entries.Length / 4)
            {
                Array.Resize(ref _entries, _entries.Length / 2);
                Array.Resize(ref _vectors, _entries.Length * Dimensions);
            }

            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Entries the predicate selects, for the writer's sweeps.</summary>
    public List<SemanticEntry> Select(Func<SemanticEntry, bool> predicate)
    {
        _lock.EnterReadLock();
        try
        {
            var selected = new List<SemanticEntry>();
            for (var i = 0; i < Count; i++)
            {
                if (predicate(_entries[i]))
                {
                    selected.Add(_entries[i]);
                }
            }

            return selected;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Exact top-k by cosine over every row. The liveness predicate is asked only about rows that would
    /// enter the top k, so a dead entry costs nothing unless it is among the nearest.
    /// </summary>
    public void Search(ReadOnlySpan<float> unitQuery, int k, Func<SemanticEntry, bool>? isLive, List<SemanticNeighbor> results)
    {
        Span<float> topScores = k <= 64 ? stackalloc float[k] : new float[k];
        Span<int> topRows = k <= 64 ? stackalloc int[k] : new int[k];
        var found = 0;
        _lock.EnterReadLock();
        try
        {
            var vectors = _vectors.AsSpan(0, Count * Dimensions);
            for (var row = 0; row < Count; row++)
            {
                var score = TensorPrimitives.Dot(vectors.Slice(row * Dimensions, Dimensions), unitQuery);
                if (found == k && score <= topScores[k - 1] || isLive is not null && !isLive(_entries[row]))
                {
                    continue;
                }

                // Insertion into the sorted top k (k is small).
                var at = found < k ? found++ : k - 1;
                while (at > 0 && topScores[at - 1] < score)
                {
                    topScores[at] = topScores[at - 1];
                    topRows[at] = topRows[at - 1];
                    at--;
                }

                topScores[at] = score;
                topRows[at] = row;
            }

            for (var i = 0; i < found; i++)
            {
                results.Add(new SemanticNeighbor(_entries[topRows[i]], topScores[i]));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
