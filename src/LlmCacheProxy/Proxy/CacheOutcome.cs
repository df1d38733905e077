namespace LlmCacheProxy.Proxy;

/// <summary>How the cache step answered a request; the value of the <c>X-Cache</c> header.</summary>
internal enum CacheOutcome
{
    Hit,
    Miss,
    Bypass,
    Coalesced,
    Stale,
}
