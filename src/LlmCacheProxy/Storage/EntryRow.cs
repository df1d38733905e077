namespace LlmCacheProxy.Storage;

/// <summary>The indexed columns of one <c>entries</c> row, as the write path fills them (the body comes beside it).</summary>
internal sealed record EntryRow(
    string Key,
    string CacheId,
    string Model,
    string Namespace,
    long CreatedAtMs,
    long? ExpiresAtMs,
    long TokensInput,
    long TokensOutput,
    long TokensCached,
    decimal? CostTotal,
    long LatencyMs,
    bool CostEstimated = false);
