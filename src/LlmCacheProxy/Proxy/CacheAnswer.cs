using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// One answered cacheable-route request, as observers (analytics, telemetry) see it. Holds no prompt,
/// completion or credential beyond what the entry itself holds.
/// </summary>
/// <param name="Model">Normalized model, or empty when the body could not be read as a request of its endpoint.</param>
/// <param name="Endpoint">The module's name (<c>chat.completions</c>, ...).</param>
/// <param name="Entry">The entry served (hit) or stored (miss); null otherwise.</param>
/// <param name="Elapsed">Time the proxy spent answering.</param>
internal sealed record CacheAnswer(
    CacheOutcome Outcome,
    string? Tier,
    string Model,
    string Namespace,
    string Route,
    string Endpoint,
    int Status,
    CacheEntry? Entry,
    TimeSpan Elapsed);
