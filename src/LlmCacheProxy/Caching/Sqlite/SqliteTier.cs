using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// L2: a thin adapter over the storage folder's <see cref="EntryStore"/>. Reads are point reads of the body, opened by
/// the codec (any stored form); a body that does not open (unknown form, key gone, failed tag) is a miss and its row is
/// dropped. Stores ask the one write path for the <c>entries</c> row, so a store never waits for the disk on the
/// request path. With the database off (no usable file) the tier holds nothing: reads miss and stores keep no row.
/// </summary>
internal sealed class SqliteTier(EntryStore store, SqliteWriter writer, SqliteEviction eviction, EntryCodec codec, ILogger<SqliteTier> logger) : ICacheTier
{
    public string Name => CacheTierNames.Sqlite;

    public TierStats Stats => new(store.Database.EntryCount, store.Database.TotalBytes, eviction.Evicted, writer.Pending);

    public ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var body = store.ReadBody(key);
        if (body is null)
        {
            return ValueTask.FromResult<CacheEntry?>(null);
        }

        var entry = codec.Read(body, key, out var failure);
        if (entry is null)
        {
            CachingLog.SqliteCorruptEntry(logger, TieredCache.KeyPrefix(key), failure);
            store.Delete(key);
        }

        return ValueTask.FromResult(entry);
    }

    public void Stage(CacheEntry entry, CacheWriteKind kind, EntryWrite write)
    {
        if (store.Database.IsAvailable)
        {
            write.KeepRow();
        }
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        store.Delete(key);
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string key, DateTimeOffset? createdBefore, CancellationToken cancellationToken)
    {
        store.Delete(key, createdBefore);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        store.DeleteCreatedBefore(before);
        return ValueTask.CompletedTask;
    }

    public void RecordHit(string key, DateTimeOffset at) => store.RecordHit(key, at);
}
