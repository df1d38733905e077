using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// <c>usage_hourly</c>: batches of counters added by UPSERT through the writer, and the sums analytics reads.
/// <c>hits</c> counts every answer served without an upstream call (all tiers, stale, coalesced with an entry).
/// </summary>
internal sealed class UsageStore(SqliteDatabase database, SqliteWriter writer)
{
    private const string Sums = """
        count(*), sum(requests), sum(hits), sum(hits_memory), sum(hits_sqlite), sum(hits_s3), sum(coalesced),
        sum(misses), sum(bypasses), sum(cost_saved), sum(upstream_cost), sum(latency_saved_ms),
        sum(tokens_saved_input), sum(tokens_saved_output), sum(unknown_cost_requests), sum(estimated_cost_requests)
        """;

    /// <summary>Queues a batch of counters; false when the writer's queue is full (the batch is lost).</summary>
    public bool Add(IReadOnlyDictionary<UsageKey, UsageCounters> rows) => writer.TryEnqueue(new UsageUpsert(rows));

    public UsageCounters Totals(UsageQuery query) =>
        Grouped(query, $"SELECT '', {Sums} FROM usage_hourly WHERE {Where(query)}").Select(r => r.Value).FirstOrDefault() ?? new UsageCounters();

    public List<KeyValuePair<string, UsageCounters>> ByModel(UsageQuery query) =>
        Grouped(query, $"SELECT model, {Sums} FROM usage_hourly WHERE {Where(query)} GROUP BY model")
            .Select(r => KeyValuePair.Create((string)r.Key, r.Value)).ToList();

    public List<KeyValuePair<string, UsageCounters>> ByEndpoint(UsageQuery query) =>
        Grouped(query, $"SELECT endpoint, {Sums} FROM usage_hourly WHERE {Where(query)} GROUP BY endpoint")
            .Select(r => KeyValuePair.Create((string)r.Key, r.Value)).ToList();

    /// <summary>Sums per bucket of <paramref name="bucketMs"/>, keyed by the bucket's start (Unix ms).</summary>
    public Dictionary<long, UsageCounters> ByBucket(UsageQuery query, long bucketMs) =>
        Grouped(query, $"SELECT hour - (hour % {bucketMs}), {Sums} FROM usage_hourly WHERE {Where(query)} GROUP BY 1")
            .ToDictionary(b => Convert.ToInt64(b.Key, System.Globalization.CultureInfo.InvariantCulture), b => b.Value);

    /// <summary>Queues the delete of every hour before <paramref name="beforeHourMs"/> (retention).</summary>
    public bool PruneBefore(long beforeHourMs) =>
        writer.TryEnqueue(new SqlStatement("DELETE FROM usage_hourly WHERE hour < $before", ("$before", beforeHourMs)));

    /// <summary>The (model, namespace) pairs stored for one hour (the recorder's caps start from them).</summary>
    public List<(string Model, string Namespace)> KeysOf(long hour)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT model, namespace FROM usage_hourly WHERE hour = $hour";
        command.Parameters.AddWithValue("$hour", hour);
        var keys = new List<(string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add((reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    /// <summary>SQLite sums REALs; round so that sums of exact table prices read back exactly.</summary>
    public static decimal Usd(double value) => Math.Round((decimal)value, 12);

    private static string Where(UsageQuery query) =>
        "hour >= $from AND hour < $to" + (query.Model is null ? "" : " AND model = $model") + (query.Namespace is null ? "" : " AND namespace = $ns") +
        (query.Endpoint is null ? "" : " AND endpoint = $endpoint");

    private List<KeyValuePair<object, UsageCounters>> Grouped(UsageQuery query, string sql)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", query.FromMs);
        command.Parameters.AddWithValue("$to", query.ToMs);
        command.Parameters.AddWithValue("$model", (object?)query.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$ns", (object?)query.Namespace ?? DBNull.Value);
        command.Parameters.AddWithValue("$endpoint", (object?)query.Endpoint ?? DBNull.Value);
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
                EstimatedCostRequests = reader.GetInt64(16),
            }));
        }

        return rows;
    }

    /// <summary>Adds a batch of pending counters (insert or add to the existing row).</summary>
    private sealed class UsageUpsert(IReadOnlyDictionary<UsageKey, UsageCounters> rows) : ISqliteWrite
    {
        private const string Sql = """
            INSERT INTO usage_hourly (hour, model, namespace, endpoint, requests, hits, hits_memory, hits_sqlite, hits_s3, coalesced,
                misses, bypasses, cost_saved, upstream_cost, latency_saved_ms, tokens_saved_input, tokens_saved_output, unknown_cost_requests,
                estimated_cost_requests)
            VALUES ($hour, $model, $ns, $endpoint, $requests, $hits, $hits_memory, $hits_sqlite, $hits_s3, $coalesced,
                $misses, $bypasses, $cost_saved, $upstream_cost, $latency_saved_ms, $tokens_saved_input, $tokens_saved_output, $unknown,
                $estimated)
            ON CONFLICT (hour, model, namespace, endpoint) DO UPDATE SET
                requests = requests + excluded.requests, hits = hits + excluded.hits,
                hits_memory = hits_memory + excluded.hits_memory, hits_sqlite = hits_sqlite + excluded.hits_sqlite,
                hits_s3 = hits_s3 + excluded.hits_s3, coalesced = coalesced + excluded.coalesced,
                misses = misses + excluded.misses, bypasses = bypasses + excluded.bypasses,
                cost_saved = cost_saved + excluded.cost_saved, upstream_cost = upstream_cost + excluded.upstream_cost,
                latency_saved_ms = latency_saved_ms + excluded.latency_saved_ms,
                tokens_saved_input = tokens_saved_input + excluded.tokens_saved_input,
                tokens_saved_output = tokens_saved_output + excluded.tokens_saved_output,
                unknown_cost_requests = unknown_cost_requests + excluded.unknown_cost_requests,
                estimated_cost_requests = estimated_cost_requests + excluded.estimated_cost_requests
            """;

        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Sql;
            foreach (var (key, c) in rows)
            {
                command.Parameters.Clear();
                var p = command.Parameters;
                p.AddWithValue("$hour", key.Hour);
                p.AddWithValue("$model", key.Model);
                p.AddWithValue("$ns", key.Namespace);
                p.AddWithValue("$endpoint", key.Endpoint);
                p.AddWithValue("$requests", c.Requests);
                p.AddWithValue("$hits", c.Hits);
                p.AddWithValue("$hits_memory", c.HitsMemory);
                p.AddWithValue("$hits_sqlite", c.HitsSqlite);
                p.AddWithValue("$hits_s3", c.HitsS3);
                p.AddWithValue("$coalesced", c.Coalesced);
                p.AddWithValue("$misses", c.Misses);
                p.AddWithValue("$bypasses", c.Bypasses);
                p.AddWithValue("$cost_saved", (double)c.CostSaved);
                p.AddWithValue("$upstream_cost", (double)c.UpstreamCost);
                p.AddWithValue("$latency_saved_ms", c.LatencySavedMs);
                p.AddWithValue("$tokens_saved_input", c.TokensSavedInput);
                p.AddWithValue("$tokens_saved_output", c.TokensSavedOutput);
                p.AddWithValue("$unknown", c.UnknownCostRequests);
                p.AddWithValue("$estimated", c.EstimatedCostRequests);
                command.ExecuteNonQuery();
            }
        }
    }
}
