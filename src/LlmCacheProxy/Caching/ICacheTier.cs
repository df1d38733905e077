namespace LlmCacheProxy.Caching;

/// <summary>
/// One level of the cache. Implementations must not throw for a missing or unreadable entry (a miss),
/// and the tiered cache treats any exception as a miss so a broken tier never fails a request.
/// </summary>
internal interface ICacheTier
{
    /// <summary>Low-cardinality name used in headers and metrics: memory, sqlite, s3.</summary>
    string Name { get; }

    ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the entry. May complete before the entry is durable (background writers).
    /// <paramref name="kind"/> tells a fresh answer from a copy promoted from a lower tier, which must not
    /// be sent back down (for example re-uploaded to S3).
    /// </summary>
    ValueTask SetAsync(CacheEntry entry, CacheWriteKind kind, CancellationToken cancellationToken);

    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
