using LlmCacheProxy.Caching;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Starts observing before the server takes requests: registers the gauges, times every tier call, counts tier
/// failures, and says where telemetry goes. It runs no background work; the OpenTelemetry providers belong to the
/// host, which flushes them when it stops.
/// </summary>
internal sealed class TelemetryService(
    CacheGauges gauges, TieredCache cache, CacheTelemetry telemetry, IOptions<TelemetryOptions> options, ILogger<TelemetryService> logger,
    TierDegradedGauge? degraded = null)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = gauges;
        _ = degraded;
        cache.TierCalled += OnTierCalled;
        cache.TierFailed += OnTierFailed;
        if (options.Value.Enabled)
        {
            TelemetryLog.ExportEnabled(logger, options.Value.Endpoint, string.IsNullOrEmpty(options.Value.Protocol) ? "grpc" : options.Value.Protocol);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnTierCalled(TierCall call)
    {
        if (telemetry.TierDuration.Enabled)
        {
            telemetry.TierDuration.Record(call.Elapsed.TotalSeconds,
                KeyValuePair.Create<string, object?>("tier", call.Tier), KeyValuePair.Create<string, object?>("op", call.Operation));
        }
    }

    private void OnTierFailed(TierFailure failure) =>
        telemetry.TierErrors.Add(1, KeyValuePair.Create<string, object?>("tier", failure.Tier));
}
