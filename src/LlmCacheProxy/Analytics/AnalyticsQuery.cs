using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// Builds the analytics report from the storage folder's reads: <c>usage_hourly</c> sums (totals, per model, per
/// endpoint, per bucket) and <c>entries</c> (hot keys, cold entries). Hot keys and cold entries describe the entries held
/// now: the model and namespace filters apply to them, the time range and the endpoint do not (entries carry no endpoint
/// column).
/// </summary>
internal sealed class AnalyticsQuery(UsageStore usage, EntryStore entries)
{
    private const int HotKeyCount = 10;

    public AnalyticsReport Run(AnalyticsFilter filter)
    {
        var query = new UsageQuery(filter.FromHourMs, filter.ToMs, filter.Model, filter.Namespace, filter.Endpoint);
        var totals = usage.Totals(query);
        var byModel = usage.ByModel(query)
            .OrderByDescending(m => m.Value.Requests).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        var byEndpoint = usage.ByEndpoint(query)
            .OrderByDescending(m => m.Value.Requests).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        var buckets = usage.ByBucket(query, filter.BucketMs);
        var timeseries = new List<KeyValuePair<DateTimeOffset, UsageCounters>>((int)filter.BucketCount);
        for (long at = filter.FirstBucketMs; at < filter.ToMs; at += filter.BucketMs)
        {
            timeseries.Add(KeyValuePair.Create(DateTimeOffset.FromUnixTimeMilliseconds(at), buckets.GetValueOrDefault(at) ?? new UsageCounters()));
        }

        var hotKeys = entries.MostHit(filter.Model, filter.Namespace, HotKeyCount)
            .Select(e => new HotKey(e.Model, e.Namespace, e.CacheId, e.HitCount, e.CostTotal is { } cost ? UsageStore.Usd(cost) * e.HitCount : null))
            .ToList();
        return new AnalyticsReport(filter, totals, byModel, byEndpoint, timeseries, hotKeys, entries.CountNeverHit(filter.Model, filter.Namespace));
    }
}
