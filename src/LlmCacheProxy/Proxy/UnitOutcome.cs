using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>How one unit of a split request was answered, as observers hear of it.</summary>
/// <param name="Entry">The entry served (hit) or stored (miss); null when the unit got no entry.</param>
internal sealed record UnitOutcome(CacheOutcome Outcome, string? Tier, CacheEntry? Entry);
