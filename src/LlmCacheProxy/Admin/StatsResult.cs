using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Admin;

/// <summary>
/// <c>GET /admin/stats</c>: request outcomes since <paramref name="Since"/> (this instance), what each tier
/// holds now, and the S3 outbox depth (null when no outbox is configured).
/// </summary>
internal sealed record StatsResult(
    DateTimeOffset Since,
    IReadOnlyDictionary<string, long> Hits,
    long HitsTotal,
    long Misses,
    long Bypasses,
    long Coalesced,
    long Stale,
    IReadOnlyDictionary<string, TierStats> Tiers,
    long? OutboxDepth,
    IReadOnlyDictionary<string, DateTimeOffset> Epochs);
