namespace LlmCacheProxy.Storage;

/// <summary>One <c>entries</c> row without its body: what listings, hot keys and explain read.</summary>
internal sealed record EntryInfo(
    string Key,
    string CacheId,
    string Model,
    string Namespace,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    long Size,
    long TokensInput,
    long TokensOutput,
    long TokensCached,
    double? CostTotal,
    long LatencyMs,
    long HitCount,
    DateTimeOffset? LastHitAt,
    bool CostEstimated = false);
