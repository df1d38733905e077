namespace LlmCacheProxy.Proxy;

/// <summary>Told about every answered request on a cacheable route. Must be quick and never throw.</summary>
internal interface ICacheObserver
{
    void OnAnswered(CacheAnswer answer);
}
