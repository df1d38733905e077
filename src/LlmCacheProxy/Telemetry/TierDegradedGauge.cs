using System.Diagnostics.Metrics;
using LlmCacheProxy.Hosting;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// <c>llmcache.tier.degraded{tier}</c>: 1 while a readiness check reports its part degraded or down, else 0. The
/// same checks answer <c>/readyz</c>, so an alert on this gauge and a load balancer probe never disagree; a degraded
/// SQLite or S3 keeps <c>/readyz</c> at 200, so without the gauge nothing would page anyone.
/// </summary>
internal sealed class TierDegradedGauge
{
    public TierDegradedGauge(CacheTelemetry telemetry, IEnumerable<IReadinessCheck> checks)
    {
        var all = checks.ToArray();
        telemetry.Meter.CreateObservableGauge("llmcache.tier.degraded", () => Measure(all),
            unit: null, "1 while the tier is degraded (as /readyz reports it), else 0.");
    }

    private static IEnumerable<Measurement<int>> Measure(IReadinessCheck[] checks)
    {
        foreach (var check in checks)
        {
            int degraded = check.Check() == ReadinessStatus.Ok ? 0 : 1;
            yield return new Measurement<int>(degraded, KeyValuePair.Create<string, object?>("tier", check.Name));
        }
    }
}
