namespace LlmCacheProxy.Storage;

/// <summary>
/// The additive counters of <c>usage_hourly</c>: pending in memory before a flush, and sums read back by queries.
/// Not thread-safe; the recorder guards it with its lock.
/// </summary>
internal sealed class UsageCounters
{
    public long Requests { get; set; }
    public long Hits { get; set; }
    public long HitsMemory { get; set; }
    public long HitsSqlite { get; set; }
    public long HitsS3 { get; set; }
    public long Coalesced { get; set; }
    public long Misses { get; set; }
    public long Bypasses { get; set; }
    public decimal CostSaved { get; set; }
    public decimal UpstreamCost { get; set; }
    public long LatencySavedMs { get; set; }
    public long TokensSavedInput { get; set; }
    public long TokensSavedOutput { get; set; }
    public long UnknownCostRequests { get; set; }
    /// <summary>Hits and stored misses whose cost the proxy estimated from its own token count.</summary>
    public long EstimatedCostRequests { get; set; }

    /// <summary>Hits over answered lookups (hits + misses); bypasses never looked the cache up.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : Math.Round((double)Hits / (Hits + Misses), 4);
}
