namespace LlmCacheProxy.Proxy;

/// <summary>How the cache step answered a request; the value of the <c>X-Cache</c> header.</summary>
internal enum CacheOutcome
{
    Hit,
    Miss,
    Bypass,
    Coalesced,
    Stale,

    /// <summary>A split request (embeddings) answered partly from cache: its units are observed one by one.</summary>
    Partial,
}
