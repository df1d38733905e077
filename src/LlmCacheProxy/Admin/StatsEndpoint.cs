using LlmCacheProxy.Caching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCacheProxy.Admin;

/// <summary><c>GET /admin/stats</c>: counters and tier sizes, cheap enough to poll (no table scans).</summary>
internal sealed class StatsEndpoint : IAdminEndpoints
{
    public void Map(RouteGroupBuilder admin) => admin.MapGet("/stats", GetStats);

    private static JsonHttpResult<StatsResult> GetStats(CacheStatsObserver counters, TieredCache cache, InvalidationEpochs epochs)
    {
        var tiers = new SortedDictionary<string, TierStats>(StringComparer.Ordinal);
        foreach (var tier in cache.Tiers)
        {
            tiers[tier.Name] = tier.Stats;
        }

        // What waits to reach the shared bucket (the bucket's own contents are not counted: that would be a listing).
        long? outboxDepth = tiers.GetValueOrDefault(CacheTierNames.S3)?.PendingWrites;

        var hits = counters.HitsPerTier;
        return AdminJson.Ok(new StatsResult(
            counters.Since, hits, hits.Values.Sum(), counters.Misses, counters.Bypasses, counters.Coalesced, counters.Stale,
            tiers, outboxDepth, new SortedDictionary<string, DateTimeOffset>(epochs.Snapshot.ToDictionary(), StringComparer.Ordinal)));
    }
}
