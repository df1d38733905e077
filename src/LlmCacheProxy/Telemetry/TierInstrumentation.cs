using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Telemetry;

/// <summary>Times every tier call into <c>llmcache.tier.duration</c> and opens a span for it when traces are on.</summary>
internal sealed class TierInstrumentation(CacheTelemetry telemetry) : ICacheTierInstrumentation
{
    public ICacheTierScope Begin(string tier, string operation) => new TierScope(telemetry.TierDuration, tier, operation);
}
