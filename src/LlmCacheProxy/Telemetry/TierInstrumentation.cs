using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Telemetry;

/// <summary>Times every tier call into <c>llmcache.tier.duration</c> and opens a span for it when traces are on.</summary>
internal sealed class TierInstrumentation(CacheTelemetry telemetry) : ICacheTierInstrumentation
{
    // Every request makes at least one tier call: with no meter reader and no trace listener (no OTLP endpoint),
    // a shared scope that does nothing spares each call an allocation, a timestamp and a span name.
    public ICacheTierScope Begin(string tier, string operation) =>
        telemetry.TierDuration.Enabled || CacheTelemetry.Source.HasListeners()
            ? new TierScope(telemetry.TierDuration, tier, operation)
            : UnobservedScope.Instance;

    private sealed class UnobservedScope : ICacheTierScope
    {
        public static readonly UnobservedScope Instance = new();

        public void Found()
        {
        }

        public void Failed(Exception exception)
        {
        }

        public void Dispose()
        {
        }
    }
}
