namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// The expiry a Redis entry gets: what is left of the entry's own TTL (plus the stale-if-error window, so a stale
/// candidate can still be found, as the memory tier does), else <c>Cache:Redis:DefaultTtlSeconds</c>. Every entry
/// expires, so Redis memory is bounded by expiry and the server's maxmemory policy. Null: already expired, not written.
/// </summary>
internal static class RedisTtl
{
    public static TimeSpan? For(CacheEntry entry, DateTimeOffset now, TimeSpan defaultTtl, TimeSpan staleWindow)
    {
        if (entry.ExpiresAt is not { } expires)
        {
            return defaultTtl;
        }

        var left = expires + staleWindow - now;
        return left >= TimeSpan.FromMilliseconds(1) ? left : null;
    }
}
