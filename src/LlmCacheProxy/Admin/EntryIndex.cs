using LlmCacheProxy.Caching;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Admin;

/// <summary>
/// The admin view of what the cache holds: the storage folder's <c>entries</c> rows with their liveness (expired,
/// invalidated by which epoch), keyset-paged listings, counts for invalidation and keys for pattern deletes.
/// </summary>
internal sealed class EntryIndex(EntryStore store, InvalidationEpochs epochs, TimeProvider time)
{
    public long CountUnexpired(string? model, string? ns, DateTimeOffset before, DateTimeOffset? after) =>
        store.CountUnexpired(model, ns, before, after);

    public List<string> KeysMatching(string glob) => store.KeysMatching(glob);

    public EntryMetadata? Get(string key) => store.Get(key) is { } info ? Describe(info, time.GetUtcNow()) : null;

    /// <summary>Newest first, keyset-paged on (created_at, key) so pages stay stable while entries are added.</summary>
    public EntryPage List(string? model, string? ns, int limit, EntryCursor? cursor)
    {
        var rows = store.List(model, ns, limit + 1, cursor is null ? null : (cursor.CreatedAtMs, cursor.Key));
        var now = time.GetUtcNow();
        var page = rows.Take(limit).Select(r => Describe(r, now)).ToList();
        if (rows.Count <= limit)
        {
            return new EntryPage(page, null);
        }

        var last = page[^1];
        return new EntryPage(page, new EntryCursor(last.CreatedAt.ToUnixTimeMilliseconds(), last.Key).Encode());
    }

    private EntryMetadata Describe(EntryInfo info, DateTimeOffset now)
    {
        var killedBy = epochs.FindKillingEpoch(info.Model, info.Namespace, info.CreatedAt) is { } epoch ? new EpochInfo(epoch.Scope, epoch.Before) : null;
        string status = killedBy is not null ? "invalidated" : info.ExpiresAt <= now ? "expired" : "live";
        return new EntryMetadata(
            info.Key, info.CacheId, info.Model, info.Namespace, info.CreatedAt, info.ExpiresAt, info.Size,
            new EntryTokens(info.TokensInput, info.TokensOutput, info.TokensCached), info.CostTotal, info.CostEstimated, info.LatencyMs,
            info.HitCount, info.LastHitAt, status, killedBy);
    }
}
