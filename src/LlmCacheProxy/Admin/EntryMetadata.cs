namespace LlmCacheProxy.Admin;

/// <summary>One entry as the admin API lists it: the SQLite index row and its liveness, never the prompt or answer.</summary>
/// <param name="Status"><c>live</c>, <c>expired</c> or <c>invalidated</c>.</param>
internal sealed record EntryMetadata(
    string Key,
    string CacheId,
    string Model,
    string Namespace,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    long Size,
    EntryTokens Tokens,
    double? CostTotal,
    bool CostEstimated,
    long LatencyMs,
    long HitCount,
    DateTimeOffset? LastHitAt,
    string Status,
    EpochInfo? InvalidatedBy);
