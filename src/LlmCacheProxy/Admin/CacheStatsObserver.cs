using System.Collections.Concurrent;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Admin;

/// <summary>Counts answers since start for <c>GET /admin/stats</c>: hits per tier, misses, bypasses, coalesced.</summary>
internal sealed class CacheStatsObserver(TimeProvider time) : ICacheObserver
{
    private readonly ConcurrentDictionary<string, long> _hits = new(StringComparer.Ordinal);
    private long _misses;
    private long _bypasses;
    private long _coalesced;
    private long _stale;

    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public IReadOnlyDictionary<string, long> HitsPerTier => new SortedDictionary<string, long>(_hits, StringComparer.Ordinal);

    public long Misses => Interlocked.Read(ref _misses);

    public long Bypasses => Interlocked.Read(ref _bypasses);

    public long Coalesced => Interlocked.Read(ref _coalesced);

    public long Stale => Interlocked.Read(ref _stale);

    public void OnAnswered(CacheAnswer answer)
    {
        switch (answer.Outcome)
        {
            case CacheOutcome.Hit:
                _hits.AddOrUpdate(answer.Tier ?? "unknown", 1, (_, n) => n + 1);
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
