using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Memory;
using LlmCacheProxy.Caching.Sqlite;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCacheProxy.Admin;

/// <summary><c>GET /admin/stats</c>: counters and tier sizes, cheap enough to poll (no table scans).</summary>
internal sealed class StatsEndpoint : IAdminEndpoints
{
    public void Map(RouteGroupBuilder admin) => admin.MapGet("/stats", GetStats);

    private static JsonHttpResult<StatsResult> GetStats(
        CacheStatsObserver counters, TieredCache cache, InvalidationEpochs epochs, IServiceProvider services)
    {
        var tiers = new SortedDictionary<string, TierStats>(StringComparer.Ordinal);
        foreach (var tier in cache.Tiers)
        {
            switch (tier)
            {
                case MemoryTier memory:
                    tiers[tier.Name] = new TierStats(memory.Count, memory.Bytes, memory.Evictions, null);
                    break;
                case SqliteTier sqlite:
                    tiers[tier.Name] = new TierStats(sqlite.Database.EntryCount, sqlite.Database.TotalBytes,
                        services.GetRequiredService<SqliteEviction>().Evicted, sqlite.Writer.Pending);
                    break;
            }
        }

        var hits = counters.HitsPerTier;
        return AdminJson.Ok(new StatsResult(
            counters.Since, hits, hits.Values.Sum(), counters.Misses, counters.Bypasses, counters.Coalesced, counters.Stale,
            tiers, services.GetService<IOutboxDepth>()?.Depth, new SortedDictionary<string, DateTimeOffset>(epochs.Snapshot.ToDictionary(), StringComparer.Ordinal)));
    }
}
