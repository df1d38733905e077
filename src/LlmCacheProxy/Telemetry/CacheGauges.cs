using System.Diagnostics.Metrics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Memory;
using LlmCacheProxy.Caching.Sqlite;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Observable gauges read when a reader collects: entries and bytes per enabled tier (from counters the tiers keep,
/// never a query), and the outbox depth when a component reports one.
/// </summary>
internal sealed class CacheGauges
{
    public CacheGauges(CacheTelemetry telemetry, TieredCache cache, SqliteDatabase sqlite, IEnumerable<IOutboxDepth> outboxes)
    {
        var memory = cache.Tiers.OfType<MemoryTier>().FirstOrDefault();
        bool sqliteOn = cache.Tiers.OfType<SqliteTier>().Any();
        var outbox = outboxes.ToArray();

        telemetry.Meter.CreateObservableGauge("llmcache.entries", () => Measure(memory?.Count, sqliteOn ? sqlite.EntryCount : null),
            "{entry}", "Entries held per cache tier.");
        telemetry.Meter.CreateObservableGauge("llmcache.bytes", () => Measure(memory?.Bytes, sqliteOn ? sqlite.TotalBytes : null),
            "By", "Bytes held per cache tier.");
        telemetry.Meter.CreateObservableGauge("llmcache.outbox.depth", () => outbox.Select(o => new Measurement<long>(o.Depth)),
            "{entry}", "Entries waiting to be uploaded to the shared tier.");
    }

    private static IEnumerable<Measurement<long>> Measure(long? memory, long? sqlite)
    {
        if (memory is { } m)
        {
            yield return new Measurement<long>(m, KeyValuePair.Create<string, object?>("tier", "memory"));
        }

        if (sqlite is { } s)
        {
            yield return new Measurement<long>(s, KeyValuePair.Create<string, object?>("tier", "sqlite"));
        }
    }
}
