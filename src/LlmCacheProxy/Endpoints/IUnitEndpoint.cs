using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Endpoints;

/// <summary>
/// A cacheable endpoint whose requests hold several answers, each cached on its own (embeddings: one entry per input
/// item), so that a request partly in the cache forwards only what is missing. The cache step runs the same flow per unit
/// (lookup, single flight, controls, stale-if-error, store, observers) and asks the module only what depends on its
/// protocol: the units of a body (<see cref="TrySplit"/>), then through <see cref="IUnitRequest"/> the body that asks for
/// some of them, how upstream's answer splits into one stored answer per unit, and how the client's answer is made
/// from every unit's entry.
/// </summary>
internal interface IUnitEndpoint : ICacheableEndpoint
{
    /// <summary>The body's units, or null when it is not a cacheable request of this endpoint (forwarded untouched, BYPASS).</summary>
    IUnitRequest? TrySplit(ReadOnlyMemory<byte> body, KeyScope scope);
}
