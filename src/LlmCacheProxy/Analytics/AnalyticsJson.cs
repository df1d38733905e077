using System.Globalization;
using System.Text.Json;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// Writes the analytics answer (snake_case; USD as numbers; times ISO 8601 UTC):
/// <code>
/// {"from","to","granularity","model","namespace","endpoint","requests","hits":{"total","memory","sqlite","s3","coalesced"},
///  "misses","bypasses","hit_rate","cost_saved":{"total","daily_average","per_hit"},"upstream_cost",
///  "latency_saved_ms":{"total","average"},"tokens_saved":{"input","output"},
///  "pricing":{"unknown_cost_requests","estimated_cost_requests","coverage"},"by_model":[...],"by_endpoint":[...],
///  "timeseries":[...],"hot_keys":[...],"cold_entries"}
/// </code>
/// The same document is the statistics snapshot.
/// </summary>
internal static class AnalyticsJson
{
    public static byte[] Write(AnalyticsReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var f = report.Filter;
            var t = report.Totals;
            w.WriteStartObject();
            w.WriteString("from", f.From.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("to", f.To.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("granularity", f.Granularity == Granularity.Day ? "day" : "hour");
            WriteNullable(w, "model", f.Model);
            WriteNullable(w, "namespace", f.Namespace);
            WriteNullable(w, "endpoint", f.Endpoint);
            WriteCounts(w, t);
            w.WriteStartObject("cost_saved");
            w.WriteNumber("total", t.CostSaved);
            w.WriteNumber("daily_average", Math.Round(t.CostSaved / (decimal)f.Days, 12));
            w.WriteNumber("per_hit", t.Hits == 0 ? 0 : Math.Round(t.CostSaved / t.Hits, 12));
            w.WriteEndObject();
            w.WriteNumber("upstream_cost", t.UpstreamCost);
            w.WriteStartObject("latency_saved_ms");
            w.WriteNumber("total", t.LatencySavedMs);
            w.WriteNumber("average", t.Hits == 0 ? 0 : Math.Round((double)t.LatencySavedMs / t.Hits, 1));
            w.WriteEndObject();
            w.WriteStartObject("tokens_saved");
            w.WriteNumber("input", t.TokensSavedInput);
            w.WriteNumber("output", t.TokensSavedOutput);
            w.WriteEndObject();
            w.WriteStartObject("pricing");
            w.WriteNumber("unknown_cost_requests", t.UnknownCostRequests);
            w.WriteNumber("estimated_cost_requests", t.EstimatedCostRequests);
            long priced = t.Hits + t.Misses;
            w.WriteNumber("coverage", priced == 0 ? 1 : Math.Round(1 - ((double)t.UnknownCostRequests / priced), 4));
            w.WriteEndObject();

            w.WriteStartArray("by_model");
            foreach (var (model, c) in report.ByModel)
            {
                w.WriteStartObject();
                w.WriteString("model", model);
                WriteFlat(w, c);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("by_endpoint");
            foreach (var (endpoint, c) in report.ByEndpoint)
            {
                w.WriteStartObject();
                w.WriteString("endpoint", endpoint);
                WriteFlat(w, c);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("timeseries");
            foreach (var (bucket, c) in report.Timeseries)
            {
                w.WriteStartObject();
                w.WriteString("bucket", bucket.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                WriteFlat(w, c);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("hot_keys");
            foreach (var key in report.HotKeys)
            {
                w.WriteStartObject();
                w.WriteString("model", key.Model);
                w.WriteString("namespace", key.Namespace);
                w.WriteString("cache_id", key.CacheId);
                w.WriteNumber("hits", key.Hits);
                if (key.CostSaved is { } saved)
                {
                    w.WriteNumber("cost_saved", saved);
                }
                else
                {
                    w.WriteNull("cost_saved");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("cold_entries", report.ColdEntries);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteCounts(Utf8JsonWriter w, UsageCounters c)
    {
        w.WriteNumber("requests", c.Requests);
        w.WriteStartObject("hits");
        w.WriteNumber("total", c.Hits);
        w.WriteNumber("memory", c.HitsMemory);
        w.WriteNumber("sqlite", c.HitsSqlite);
        w.WriteNumber("s3", c.HitsS3);
        w.WriteNumber("coalesced", c.Coalesced);
        w.WriteEndObject();
        w.WriteNumber("misses", c.Misses);
        w.WriteNumber("bypasses", c.Bypasses);
        w.WriteNumber("hit_rate", c.HitRate);
    }

    /// <summary>One row of by_model or timeseries: flat numbers, the same columns as the CSV.</summary>
    private static void WriteFlat(Utf8JsonWriter w, UsageCounters c)
    {
        foreach (var (name, value) in AnalyticsCsv.Columns(c))
        {
            w.WriteNumber(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
