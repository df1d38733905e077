using System.Globalization;
using System.Text;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// The time series as CSV for spreadsheets: a header line, then one line per bucket, invariant culture,
/// <c>bucket</c> in ISO 8601 UTC, USD with a dot decimal separator. The query's filters (model, namespace, endpoint)
/// apply, so <c>endpoint=embeddings&amp;format=csv</c> is one endpoint's series.
/// </summary>
internal static class AnalyticsCsv
{
    public static IEnumerable<(string Name, decimal Value)> Columns(UsageCounters c)
    {
        yield return ("requests", c.Requests);
        yield return ("hits", c.Hits);
        yield return ("hits_memory", c.HitsMemory);
        yield return ("hits_sqlite", c.HitsSqlite);
        yield return ("hits_s3", c.HitsS3);
        yield return ("coalesced", c.Coalesced);
        yield return ("misses", c.Misses);
        yield return ("bypasses", c.Bypasses);
        yield return ("hit_rate", (decimal)c.HitRate);
        yield return ("cost_saved", c.CostSaved);
        yield return ("upstream_cost", c.UpstreamCost);
        yield return ("latency_saved_ms", c.LatencySavedMs);
        yield return ("tokens_saved_input", c.TokensSavedInput);
        yield return ("tokens_saved_output", c.TokensSavedOutput);
        yield return ("unknown_cost_requests", c.UnknownCostRequests);
        yield return ("estimated_cost_requests", c.EstimatedCostRequests);
    }

    public static string Write(AnalyticsReport report)
    {
        var csv = new StringBuilder();
        csv.Append("bucket");
        foreach (var (name, _) in Columns(new UsageCounters()))
        {
            csv.Append(',').Append(name);
        }

        csv.Append('\n');
        foreach (var (bucket, c) in report.Timeseries)
        {
            csv.Append(bucket.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            foreach (var (_, value) in Columns(c))
            {
                csv.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
