namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Pairs of entry keys reported as a wrong semantic hit: they never match again, in either order.
/// Bounded: past <paramref name="maxPairs"/> the oldest report is forgotten.
/// </summary>
internal sealed class RejectedPairs(int maxPairs)
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string, string)> _pairs = [];
    private readonly Queue<(string, string)> _oldestFirst = new();

    public int MaxPairs { get; } = maxPairs > 0 ? maxPairs : throw new ArgumentOutOfRangeException(nameof(maxPairs));

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pairs.Count;
            }
        }
    }

    /// <summary>Records the pair; false if it was already known.</summary>
    public bool Add(string first, string second)
    {
        var pair = Order(first, second);
        lock (_lock)
        {
            if (!_pairs.Add(pair))
            {
                return false;
            }

            _oldestFirst.Enqueue(pair);
            while (_pairs.Count > MaxPairs)
            {
                _pairs.Remove(_oldestFirst.Dequeue());
            }

            return true;
        }
    }

    public bool Contains(string first, string second)
    {
        var pair = Order(first, second);
        lock (_lock)
        {
            return _pairs.Contains(pair);
        }
    }

    /// <summary>Every pair, oldest first (each with its keys in ordinal order), for persistence.</summary>
    public IReadOnlyList<(string First, string Second)> Snapshot()
    {
        lock (_lock)
        {
            return [.. _oldestFirst];
        }
    }

    private static (string, string) Order(string a, string b)
    {
        ArgumentException.ThrowIfNullOrEmpty(a);
        ArgumentException.ThrowIfNullOrEmpty(b);
        return string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
    }
}
