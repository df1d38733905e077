using LlmCacheProxy.Caching.Sqlite;

namespace LlmCacheProxy.Proxy;

/// <summary>Keeps each entry's <c>hit_count</c> and <c>last_hit_at</c> (eviction order, hot keys), batched.</summary>
internal sealed class SqliteHitRecorder(SqliteTier sqlite, TimeProvider time) : ICacheObserver
{
    public void OnAnswered(CacheAnswer answer)
    {
        if (answer.Outcome is CacheOutcome.Hit or CacheOutcome.Coalesced or CacheOutcome.Stale && answer.Entry is { } entry)
        {
            sqlite.RecordHit(entry.CacheKey, time.GetUtcNow());
        }
    }
}
