namespace LlmCacheProxy.Caching;

/// <summary>What one walk down the tiers found: a live entry, and a stale-if-error candidate passed on the way.</summary>
internal readonly record struct CacheLookup(CacheHit? Hit, CacheHit? Stale);
