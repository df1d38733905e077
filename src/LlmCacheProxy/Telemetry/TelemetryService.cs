using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Starts telemetry before the server takes requests: registers the gauges, counts tier errors and says where
/// telemetry goes. The OpenTelemetry providers belong to the host, which flushes them when it stops.
/// </summary>
internal sealed class TelemetryService(
    CacheGauges gauges, TierDegradedGauge degraded, TieredCache cache, CacheTelemetry telemetry,
    Microsoft.Extensions.Options.IOptions<TelemetryOptions> options, ILogger<TelemetryService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = gauges;
        _ = degraded;
        cache.TierError += OnTierError;
        if (options.Value.Enabled)
        {
            TelemetryLog.ExportEnabled(logger, options.Value.Endpoint, string.IsNullOrEmpty(options.Value.Protocol) ? "grpc" : options.Value.Protocol);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnTierError(string tier, Exception exception) =>
        telemetry.TierErrors.Add(1, KeyValuePair.Create<string, object?>("tier", tier));
}
