using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// <c>llmcache.tier.degraded{tier}</c>: 1 while a readiness check (sqlite, s3, tiers) reports its part degraded or
/// unhealthy, else 0. The same health checks answer <c>/readyz</c>, so an alert on this gauge and a load balancer
/// probe never disagree; a degraded SQLite or S3 keeps <c>/readyz</c> at 200, so without the gauge nothing would page
/// anyone. The checks run when a reader collects (they complete synchronously and are cheap: no scan).
/// </summary>
internal sealed class TierDegradedGauge
{
    public TierDegradedGauge(CacheTelemetry telemetry, HealthCheckService health)
    {
        telemetry.Meter.CreateObservableGauge("llmcache.tier.degraded", () => Measure(health),
            unit: null, "1 while the tier is degraded (as /readyz reports it), else 0.");
    }

    private static IEnumerable<Measurement<int>> Measure(HealthCheckService health)
    {
        var report = health.CheckHealthAsync(r => r.Tags.Contains("ready")).GetAwaiter().GetResult();
        foreach (var (name, entry) in report.Entries)
        {
            int degraded = entry.Status == HealthStatus.Healthy ? 0 : 1;
            yield return new Measurement<int>(degraded, KeyValuePair.Create<string, object?>("tier", name));
        }
    }
}
