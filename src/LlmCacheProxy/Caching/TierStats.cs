namespace LlmCacheProxy.Caching;

/// <summary>What one tier holds now, from counters the tier keeps (never a scan).</summary>
/// <param name="Entries">Entries held, or null when the tier cannot say cheaply (a shared bucket).</param>
/// <param name="Bytes">Bytes held, or null likewise.</param>
/// <param name="PendingWrites">Writes queued for the tier (SQLite's writer, S3's outbox), else null.</param>
internal sealed record TierStats(long? Entries, long? Bytes, long Evictions, long? PendingWrites);
