using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The one rule for what happens to a request, called by the cache step and by <c>/admin/cache/explain</c> alike, so
/// explain can never disagree with the proxy. Pure: the caller has resolved the partition, the caller's grants and
/// tried the key.
/// </summary>
internal sealed class CachePolicy(IOptions<CacheOptions> options)
{
    private readonly double? _maxTemperature = options.Value.MaxTemperature;
    private readonly TimeSpan? _maxTtl = options.Value.MaxTtlSeconds > 0 ? TimeSpan.FromSeconds(options.Value.MaxTtlSeconds) : null;

    public double? MaxTemperature => _maxTemperature;

    /// <param name="partition">The caller's partition, null when the caller may not use the cache (no credentials).</param>
    /// <param name="key">The request's key, null when the module refused the body.</param>
    /// <param name="notCacheableReason">The module's reason for a refused body.</param>
    /// <param name="grants">The write controls this caller may send (all in passthrough mode: its partition is its own).</param>
    public CacheDecision Decide(string? partition, CacheKey? key, string notCacheableReason, CacheControl controls, CacheWriteGrants grants)
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

        var denied = controls.Writes & ~grants;
        if (denied != CacheWriteGrants.None)
        {
            return new CacheDecision(CacheDecision.CacheControlNotAllowed, Lookup: false, Store: false, MayCallUpstream: false)
            {
                Forbidden = ControlName(denied),
            };
        }

        var (ttl, capped) = CapTtl(controls.Ttl);
        return new CacheDecision(null, Lookup: !controls.NoCache, Store: !controls.NoStore, mayCallUpstream)
        {
            Ttl = ttl,
            TtlCapped = capped,
        };
    }

    /// <summary>An asked TTL over the cap, or zero ("no expiry"), becomes the cap: nobody picks an unbounded lifetime.</summary>
    private (TimeSpan? Ttl, bool Capped) CapTtl(TimeSpan? asked) =>
        asked is { } ttl && _maxTtl is { } max && (ttl == TimeSpan.Zero || ttl > max) ? (max, true) : (asked, false);

    private static string ControlName(CacheWriteGrants denied) =>
        denied.HasFlag(CacheWriteGrants.NoCache) ? "Cache-Control: no-cache"
        : denied.HasFlag(CacheWriteGrants.NoStore) ? "Cache-Control: no-store"
        : CacheHeaders.Ttl;
}
