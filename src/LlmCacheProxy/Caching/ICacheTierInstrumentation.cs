namespace LlmCacheProxy.Caching;

/// <summary>
/// Optional timing and tracing of every tier call made by <see cref="TieredCache"/> (the Telemetry feature
/// implements it). Kept as an interface here so that Caching does not depend on Telemetry.
/// </summary>
internal interface ICacheTierInstrumentation
{
    /// <summary>Starts one tier call (<paramref name="operation"/>: get, set, promote, remove); dispose it when done.</summary>
    ICacheTierScope Begin(string tier, string operation);
}
