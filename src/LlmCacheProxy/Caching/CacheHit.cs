namespace LlmCacheProxy.Caching;

/// <summary>A live entry and the tier it was found in.</summary>
internal readonly record struct CacheHit(CacheEntry Entry, string Tier);
