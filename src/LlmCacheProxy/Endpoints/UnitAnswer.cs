using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints;

/// <summary>One unit's share of an upstream answer: what its entry stores, its tokens (estimated or not) and upstream's cost share.</summary>
internal sealed record UnitAnswer(CachedResponse Response, TokenUsage Tokens, decimal? UpstreamCost);
