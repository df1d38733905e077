using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Pricing;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Turns a complete upstream answer into an entry: checks it is a chat completion, reads token usage,
/// applies the TTL. Returns null for anything that must not be stored.
/// </summary>
internal sealed class EntryFactory(IOptions<CacheOptions> options, TimeProvider time, CostCalculator costs)
{
    public CacheEntry? FromJson(
        CacheKey key, string ns, string route, string provider, byte[] body, string contentType,
        DateTimeOffset requestedAt, long latencyMs, long firstByteMs, TimeSpan? ttlOverride)
    {
        if (!ChatCompletionScan.TryRead(body, out var tokens, out decimal? upstreamCost))
        {
            return null;
        }

        return Create(key, ns, route, provider, new CachedResponse { Status = 200, ContentType = contentType, Body = body },
            tokens, requestedAt, latencyMs, firstByteMs, ttlOverride, upstreamCost);
    }

    public CacheEntry Create(
        CacheKey key, string ns, string route, string provider, CachedResponse response, TokenUsage tokens,
        DateTimeOffset requestedAt, long latencyMs, long firstByteMs, TimeSpan? ttlOverride, decimal? upstreamCost = null)
    {
        var now = time.GetUtcNow();
        var ttl = ttlOverride ?? options.Value.TtlFor(key.Model);
        return new CacheEntry
        {
            CacheId = key.CacheId,
            CacheKey = key.Hash,
            Namespace = ns,
            Route = route,
            Model = key.Model,
            Provider = provider,
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
