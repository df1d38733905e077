using LlmCacheProxy.Caching.Codec;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// The shared hot tier (level 3: after SQLite, before S3). A lookup is one GET of the entry document, which must carry
/// the full key asked for; an open circuit is a miss at once. Stores are queued to <see cref="RedisWriter"/>, never
/// written on the request path, and a fresh answer is announced to the other instances (a promoted copy is not). A
/// delete is a DEL and an announcement, so no instance keeps serving its own copy.
/// </summary>
internal sealed class RedisTier(
    RedisConnection connection, RedisLayout layout, RedisResilience resilience, RedisWriter writer, EntryCodec codec,
    ILogger<RedisTier> logger)
    : ICacheTier
{
    public string Name => CacheTierNames.Redis;

    /// <summary>A shared server's contents are not counted here (that would be a scan); the write queue is.</summary>
    public TierStats Stats => new(null, null, 0, writer.Pending);

    public async ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (resilience.IsUnavailable)
        {
            return null;
        }

        var db = connection.Database;
        using var lease = await resilience.RunAsync(() => db.StringGetLeaseAsync(layout.Entry(key)), cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return null;
        }

        // Any stored form (plain, zstd, encrypted): what does not open under this key is a miss.
        var entry = codec.Read(lease.Memory, key, out _);
        if (entry is null || !string.Equals(entry.CacheKey, key, StringComparison.Ordinal))
        {
            RedisLog.CorruptEntry(logger, TieredCache.KeyPrefix(key));
            return null;
        }

        return entry;
    }

    public void Stage(CacheEntry entry, CacheWriteKind kind, EntryWrite write) =>
        writer.Enqueue(RedisWrite.Store(write, publish: kind == CacheWriteKind.Store));

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var db = connection.Database;
        byte[] message = RedisMessage.EntryChanged(connection.InstanceId, key, createdAt: null).Serialize();
        await resilience.RunAsync(async () =>
        {
            var deleted = db.KeyDeleteAsync(layout.Entry(key));
            var published = db.PublishAsync(layout.Channel, message);
            await Task.WhenAll(deleted, published).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The clear's epoch reaches every instance on the channel; what Redis holds expires by its TTL.</summary>
    public ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
