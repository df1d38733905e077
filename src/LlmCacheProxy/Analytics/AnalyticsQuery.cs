using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// Reads <c>usage_hourly</c> (totals, per model, per bucket) and <c>entries</c> (hot keys, cold entries) on a
/// pooled reader connection. Hot keys and cold entries describe the entries held now: the model and namespace
/// filters apply to them, the time range does not.
/// </summary>
internal sealed class AnalyticsQuery(SqliteDatabase database, TimeProvider time)
{
    private const int HotKeyCount = 10;

    private const string Sums = """
        count(*), sum(requests), sum(hits), sum(hits_memory), sum(hits_sqlite), sum(hits_s3), sum(coalesced),
        sum(misses), sum(bypasses), sum(cost_saved), sum(upstream_cost), sum(latency_saved_ms),
        sum(tokens_saved_input), sum(tokens_saved_output), sum(unknown_cost_requests)
        """;

    public AnalyticsReport Run(AnalyticsFilter filter)
    {
        using var connection = database.OpenConnection();
        string where = "hour >= $from AND hour < $to" + Filters(filter);

        UsageCounters totals = new();
        foreach (var (_, sums) in Grouped(connection, filter, $"SELECT '', {Sums} FROM usage_hourly WHERE {where}"))
        {
            totals = sums;
        }

        var byModel = Grouped(connection, filter, $"SELECT model, {Sums} FROM usage_hourly WHERE {where} GROUP BY model")
            .Select(m => KeyValuePair.Create((string)m.Key, m.Value))
            .OrderByDescending(m => m.Value.Requests).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();

        var buckets = Grouped(connection, filter,
                $"SELECT hour - (hour % {filter.BucketMs}), {Sums} FROM usage_hourly WHERE {where} GROUP BY 1")
            .ToDictionary(b => Convert.ToInt64(b.Key, System.Globalization.CultureInfo.InvariantCulture), b => b.Value);
        var timeseries = new List<KeyValuePair<DateTimeOffset, UsageCounters>>((int)filter.BucketCount);
        for (long at = filter.FirstBucketMs; at < filter.ToMs; at += filter.BucketMs)
        {
            timeseries.Add(KeyValuePair.Create(DateTimeOffset.FromUnixTimeMilliseconds(at), buckets.GetValueOrDefault(at) ?? new UsageCounters()));
        }

        return new AnalyticsReport(filter, totals, byModel, timeseries, HotKeys(connection, filter), ColdEntries(connection, filter));
    }

    private static string Filters(AnalyticsFilter filter) =>
        (filter.Model is null ? "" : " AND model = $model") + (filter.Namespace is null ? "" : " AND namespace = $ns");

    private static void Bind(SqliteCommand command, AnalyticsFilter filter)
    {
        command.Parameters.AddWithValue("$from", filter.FromHourMs);
        command.Parameters.AddWithValue("$to", filter.ToMs);
        command.Parameters.AddWithValue("$model", (object?)filter.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$ns", (object?)filter.Namespace ?? DBNull.Value);
    }

    private static List<KeyValuePair<object, UsageCounters>> Grouped(SqliteConnection connection, AnalyticsFilter filter, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, filter);
        using var reader = command.ExecuteReader();
        var rows = new List<KeyValuePair<object, UsageCounters>>();
        while (reader.Read())
        {
            if (reader.GetInt64(1) == 0)
            {
                continue; // an aggregate over no rows
            }

            rows.Add(KeyValuePair.Create(reader.GetValue(0), new UsageCounters
            {
                Requests = reader.GetInt64(2),
                Hits = reader.GetInt64(3),
                HitsMemory = reader.GetInt64(4),
                HitsSqlite = reader.GetInt64(5),
                HitsS3 = reader.GetInt64(6),
                Coalesced = reader.GetInt64(7),
                Misses = reader.GetInt64(8),
                Bypasses = reader.GetInt64(9),
                CostSaved = Usd(reader.GetDouble(10)),
                UpstreamCost = Usd(reader.GetDouble(11)),
                LatencySavedMs = reader.GetInt64(12),
                TokensSavedInput = reader.GetInt64(13),
                TokensSavedOutput = reader.GetInt64(14),
                UnknownCostRequests = reader.GetInt64(15),
            }));
        }

        return rows;
    }

    /// <summary>SQLite sums REALs; round so that sums of exact table prices read back exactly.</summary>
    public static decimal Usd(double value) => Math.Round((decimal)value, 12);

    private List<HotKey> HotKeys(SqliteConnection connection, AnalyticsFilter filter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT model, namespace, cache_id, hit_count, cost_total FROM entries
            WHERE hit_count > 0 AND (expires_at IS NULL OR expires_at > $now){Filters(filter)}
            ORDER BY hit_count DESC, last_hit_at DESC LIMIT {HotKeyCount}
            """;
        Bind(command, filter);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var keys = new List<HotKey>();
        while (reader.Read())
        {
            long hits = reader.GetInt64(3);
            decimal? saved = reader.IsDBNull(4) ? null : Usd(reader.GetDouble(4)) * hits;
            keys.Add(new HotKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), hits, saved));
        }

        return keys;
    }

    private long ColdEntries(SqliteConnection connection, AnalyticsFilter filter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM entries WHERE hit_count = 0 AND (expires_at IS NULL OR expires_at > $now){Filters(filter)}";
        Bind(command, filter);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }
}
