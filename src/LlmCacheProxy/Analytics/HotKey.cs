namespace LlmCacheProxy.Analytics;

/// <summary>One of the most-hit entries. CostSaved is null when the entry's cost is unknown.</summary>
internal sealed record HotKey(string Model, string Namespace, string CacheId, long Hits, decimal? CostSaved);
