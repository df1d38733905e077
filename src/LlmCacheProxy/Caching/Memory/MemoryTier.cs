using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Memory;

/// <summary>
/// L1: entries as objects in <see cref="MemoryCache"/>, bounded in bytes (<c>Cache:Memory:MaxBytes</c>; each entry's
/// size is its estimated footprint). Expiry is enforced by the tiered cache too, so a clock skew here can only cost a
/// miss. Written on the request path (an in-process set), never through the database write.
/// </summary>
internal sealed class MemoryTier : ICacheTier, IDisposable
{
    private readonly MemoryCache _cache;
    private readonly PostEvictionDelegate _onEvicted;
    private readonly TimeSpan _staleWindow;
    private long _evictions;

    public MemoryTier(IOptions<CacheOptions> options)
    {
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = options.Value.Memory.MaxBytes,
            CompactionPercentage = 0.10,
            // Without it GetCurrentStatistics() is null and the admin stats would report 0 bytes.
            TrackStatistics = true,
        });
        // Expired entries stay this much longer so stale-if-error can still find them here.
        _staleWindow = TimeSpan.FromSeconds(options.Value.StaleIfErrorSeconds);
        _onEvicted = (_, _, reason, _) =>
        {
            if (reason is EvictionReason.Capacity)
            {
                Interlocked.Increment(ref _evictions);
            }
        };
    }

    public string Name => CacheTierNames.Memory;

    public TierStats Stats => new(_cache.Count, _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0, Interlocked.Read(ref _evictions), null);

    public ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_cache.TryGetValue(key, out CacheEntry? entry) ? entry : null);

    public void Stage(CacheEntry entry, CacheWriteKind kind, EntryWrite write)
    {
        if (kind == CacheWriteKind.Import)
        {
            return;
        }

        var options = new MemoryCacheEntryOptions { Size = entry.EstimatedSize };
        if (entry.ExpiresAt is { } expires)
        {
            options.AbsoluteExpiration = expires + _staleWindow;
        }

        options.PostEvictionCallbacks.Add(new PostEvictionCallbackRegistration { EvictionCallback = _onEvicted });
        _cache.Set(entry.CacheKey, entry, options);
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        _cache.Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>A copy as new as the other instance's change (the same entry, promoted meanwhile) is kept.</summary>
    public ValueTask ForgetAsync(string key, DateTimeOffset? createdBefore, CancellationToken cancellationToken)
    {
        if (createdBefore is not { } before || (_cache.TryGetValue(key, out CacheEntry? entry) && entry!.CreatedAt < before))
        {
            _cache.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Drops every entry: what the memory tier holds was all created before now.</summary>
    public ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        _cache.Clear();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();
}
