namespace LlmCacheProxy.Caching;

/// <summary>
/// One level of the cache. Implementations must not throw for a missing or unreadable entry (a miss), and the tiered
/// cache treats any exception as a miss, so a broken tier never fails a request. Every tier offers the same calls
/// (stats, clear, hit counts), so no caller needs to know which tier it holds.
/// </summary>
internal interface ICacheTier
{
    /// <summary>One of <see cref="CacheTierNames"/>: headers, metrics, and the lookup order.</summary>
    string Name { get; }

    TierStats Stats { get; }

    ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a fresh answer (<see cref="CacheWriteKind.Store"/>) or a copy promoted from a lower tier. An in-process
    /// tier keeps it at once; a tier kept in the database says what it needs on <paramref name="write"/>, which the
    /// tiered cache commits once for all of them, off the request path. Never called with the client's token.
    /// </summary>
    void Stage(CacheEntry entry, CacheWriteKind kind, EntryWrite write);

    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Drops what was created before <paramref name="before"/> (admin clear; the epoch already hides it).</summary>
    ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>An entry of this key was served (eviction order, hot keys). Cheap; batched where it is written.</summary>
    void RecordHit(string key, DateTimeOffset at)
    {
    }

    /// <summary>
    /// Another instance stored, replaced or deleted this key: a tier of this instance's own drops its copy, if created
    /// before <paramref name="createdBefore"/> (null: whatever its age), so the next lookup reads the shared tiers. A
    /// shared tier keeps the default (nothing): the change is already there. Never tells anyone else.
    /// </summary>
    ValueTask ForgetAsync(string key, DateTimeOffset? createdBefore, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
