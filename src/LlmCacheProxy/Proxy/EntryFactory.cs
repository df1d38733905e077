using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace LlmCacheProxy.Proxy;

/// <summary>Turns a complete, storable upstream answer into an entry: identity from the request, cost, TTL.</summary>
internal sealed class EntryFactory(IOptions<CacheOptions> options, TimeProvider time, CostCalculator costs)
{
    public CacheEntry Create(
        CacheRequest request, CachedResponse response, TokenUsage tokens, decimal? upstreamCost,
        DateTimeOffset requestedAt, long latencyMs, long firstByteMs) =>
        Create(request, request.Key!, response, tokens, upstreamCost, requestedAt, latencyMs, firstByteMs);

    /// <summary>The entry of one <paramref name="key"/> of the request (a unit of a split request).</summary>
    public CacheEntry Create(
        CacheRequest request, CacheKey key, CachedResponse response, TokenUsage tokens, decimal? upstreamCost,
        DateTimeOffset requestedAt, long latencyMs, long firstByteMs)
    {
        var now = time.GetUtcNow();
        var ttl = request.Controls.Ttl ?? options.Value.TtlFor(key.Model);
        return new CacheEntry
        {
            CacheId = key.CacheId,
            CacheKey = key.Hash,
            Namespace = request.Namespace,
            Route = request.Route,
            Model = key.Model,
            Provider = request.Context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "",
            Request = key.CanonicalJson,
            RequestTimestamp = requestedAt,
            Response = response,
            ResponseTimestamp = now,
            Tokens = tokens,
            Cost = costs.Calculate(key.Model, tokens, upstreamCost),
            LatencyMs = latencyMs,
            FirstByteMs = firstByteMs,
            ExpiresAt = ttl is { } t && t > TimeSpan.Zero ? now + t : null,
        };
    }
}
