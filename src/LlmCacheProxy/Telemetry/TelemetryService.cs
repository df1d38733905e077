using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Starts telemetry before the server takes requests: builds the exporters, registers the gauges and counts tier
/// errors. It stops nothing: the providers are disposed with the container, after everything else has stopped.
/// </summary>
internal sealed class TelemetryService(TelemetryProviders providers, CacheGauges gauges, TieredCache cache, CacheTelemetry telemetry)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = providers;
        _ = gauges;
        cache.TierError += OnTierError;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnTierError(string tier, Exception exception) =>
        telemetry.TierErrors.Add(1, KeyValuePair.Create<string, object?>("tier", tier));
}
