using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Admin;

/// <summary>Counts answers since start for <c>GET /admin/stats</c>: hits per tier, misses, bypasses, coalesced.</summary>
internal sealed class CacheStatsObserver(TimeProvider time) : ICacheObserver
{
    // One box per tier, incremented in place: a hit is a lock-free lookup and an Interlocked add, where
    // AddOrUpdate would take the dictionary's bucket lock on every hit.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _hits = new(StringComparer.Ordinal);
    private long _misses;
    private long _bypasses;
    private long _coalesced;
    private long _stale;

    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public IReadOnlyDictionary<string, long> HitsPerTier =>
        new SortedDictionary<string, long>(_hits.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value)), StringComparer.Ordinal);

    public long Misses => Interlocked.Read(ref _misses);

    public long Bypasses => Interlocked.Read(ref _bypasses);

    public long Coalesced => Interlocked.Read(ref _coalesced);

    public long Stale => Interlocked.Read(ref _stale);

    public void OnAnswered(CacheAnswer answer)
    {
        switch (answer.Outcome)
        {
            case CacheOutcome.Hit:
                Interlocked.Increment(ref _hits.GetOrAdd(answer.Tier ?? "unknown", static _ => new StrongBox<long>()).Value);
                break;
            case CacheOutcome.Miss:
                Interlocked.Increment(ref _misses);
                break;
            case CacheOutcome.Bypass:
                Interlocked.Increment(ref _bypasses);
                break;
            case CacheOutcome.Coalesced:
                Interlocked.Increment(ref _coalesced);
                break;
            case CacheOutcome.Stale:
                Interlocked.Increment(ref _stale);
                break;
        }
    }
}
