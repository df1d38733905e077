using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The one rule for what happens to a request, called by the cache step and by <c>/admin/cache/explain</c> alike, so
/// explain can never disagree with the proxy. Pure: the caller has resolved the partition and tried the key.
/// </summary>
internal sealed class CachePolicy(IOptions<CacheOptions> options)
{
    private readonly double? _maxTemperature = options.Value.MaxTemperature;

    public double? MaxTemperature => _maxTemperature;

    /// <param name="partition">The caller's partition, null when the caller may not use the cache (no credentials).</param>
    /// <param name="key">The request's key, null when the module refused the body.</param>
    /// <param name="notCacheableReason">The module's reason for a refused body.</param>
    public CacheDecision Decide(string? partition, CacheKey? key, string notCacheableReason, CacheControl controls)
    {
        bool mayCallUpstream = !controls.OnlyIfCached;
        if (partition is null)
        {
            return new CacheDecision(CacheDecision.NoCredentials, Lookup: false, Store: false, mayCallUpstream);
        }

        if (key is null)
        {
            return new CacheDecision(notCacheableReason, Lookup: false, Store: false, mayCallUpstream);
        }

        if (key.Temperature > _maxTemperature)
        {
            return new CacheDecision(CacheDecision.TemperatureAboveMax, Lookup: false, Store: false, mayCallUpstream);
        }

        return new CacheDecision(null, Lookup: !controls.NoCache, Store: !controls.NoStore, mayCallUpstream);
    }
}
