namespace LlmCacheProxy.Caching.Redis;

/// <summary>One queued write: an entry (and, for a fresh answer, its change notification), or a lease's release.</summary>
internal sealed record RedisWrite(string Key, EntryWrite? Entry, bool Publish, string? LeaseToken)
{
    /// <param name="publish">A fresh answer or a replacement: tell the other instances (a promoted copy is no change).</param>
    public static RedisWrite Store(EntryWrite write, bool publish) => new(write.Entry.CacheKey, write, publish, null);

    /// <summary>Queued after the leader's store, so waiters never see the lease gone before the entry is there.</summary>
    public static RedisWrite Release(string key, string token) => new(key, null, false, token);
}
