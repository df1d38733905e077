using System.Diagnostics.Metrics;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Observable gauges read when a reader collects: entries and bytes per tier that counts them, and the writes waiting
/// to reach the shared tier (the S3 outbox), all from counters the tiers keep (never a query per collection beyond
/// the outbox's cached count).
/// </summary>
internal sealed class CacheGauges
{
    public CacheGauges(CacheTelemetry telemetry, TieredCache cache)
    {
        telemetry.Meter.CreateObservableGauge("llmcache.entries", () => Measure(cache, s => s.Entries),
            "{entry}", "Entries held per cache tier.");
        telemetry.Meter.CreateObservableGauge("llmcache.bytes", () => Measure(cache, s => s.Bytes),
            "By", "Bytes held per cache tier.");
        telemetry.Meter.CreateObservableGauge("llmcache.outbox.depth", () => OutboxDepth(cache),
            "{entry}", "Entries waiting to be uploaded to the shared tier.");
    }

    private static IEnumerable<Measurement<long>> Measure(TieredCache cache, Func<TierStats, long?> read)
    {
        foreach (var tier in cache.Tiers)
        {
            if (read(tier.Stats) is { } value)
            {
                yield return new Measurement<long>(value, KeyValuePair.Create<string, object?>("tier", tier.Name));
            }
        }
    }

    private static IEnumerable<Measurement<long>> OutboxDepth(TieredCache cache)
    {
        if (cache.Tier(CacheTierNames.S3)?.Stats.PendingWrites is { } depth)
        {
            yield return new Measurement<long>(depth);
        }
    }
}
