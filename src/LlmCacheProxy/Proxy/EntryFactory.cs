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
        Create(request, request.Key!, request.Body, response, tokens, upstreamCost, requestedAt, latencyMs, firstByteMs);

    /// <summary>
    /// The entry of one <paramref name="key"/> of the request (a unit of a split request). <paramref name="requestBody"/>
    /// is the body that asks for this unit alone, so an export re-keys it to this unit, not to the batch's first item.
    /// </summary>
    public CacheEntry Create(
        CacheRequest request, CacheKey key, byte[]? requestBody, CachedResponse response, TokenUsage tokens, decimal? upstreamCost,
        DateTimeOffset requestedAt, long latencyMs, long firstByteMs)
    {
        var now = time.GetUtcNow();
        var ttl = request.Decision?.Ttl ?? options.Value.TtlFor(key.Model);
        return new CacheEntry
        {
            CacheId = key.CacheId,
            CacheKey = key.Hash,
            Namespace = request.Namespace,
            Route = request.Route,
            Model = key.Model,
            Provider = request.Context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "",
            Request = key.CanonicalJson,
            RequestBody = requestBody,
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
