namespace LlmCacheProxy.Caching;

/// <summary>One finished tier call, as <see cref="TieredCache.TierCalled"/> reports it (telemetry times them).</summary>
/// <param name="Operation">get, set, promote, remove, forget, clear.</param>
internal readonly record struct TierCall(string Tier, string Operation, TimeSpan Elapsed, bool Failed);
