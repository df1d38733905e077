namespace LlmCacheProxy.Admin;

/// <summary>What one tier holds now.</summary>
/// <param name="PendingWrites">Writes queued for the tier's background writer (SQLite), else null.</param>
internal sealed record TierStats(long Entries, long Bytes, long Evictions, long? PendingWrites);
