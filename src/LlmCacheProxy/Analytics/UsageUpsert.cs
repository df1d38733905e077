using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Analytics;

/// <summary>Adds a batch of pending counters to <c>usage_hourly</c> (insert or add to the existing row).</summary>
internal sealed class UsageUpsert(IReadOnlyDictionary<UsageKey, UsageCounters> rows) : ISqliteWrite
{
    private const string Sql = """
        INSERT INTO usage_hourly (hour, model, namespace, requests, hits, hits_memory, hits_sqlite, hits_s3, coalesced,
            misses, bypasses, cost_saved, upstream_cost, latency_saved_ms, tokens_saved_input, tokens_saved_output, unknown_cost_requests)
        VALUES ($hour, $model, $ns, $requests, $hits, $hits_memory, $hits_sqlite, $hits_s3, $coalesced,
            $misses, $bypasses, $cost_saved, $upstream_cost, $latency_saved_ms, $tokens_saved_input, $tokens_saved_output, $unknown)
        ON CONFLICT (hour, model, namespace) DO UPDATE SET
            requests = requests + excluded.requests, hits = hits + excluded.hits,
            hits_memory = hits_memory + excluded.hits_memory, hits_sqlite = hits_sqlite + excluded.hits_sqlite,
            hits_s3 = hits_s3 + excluded.hits_s3, coalesced = coalesced + excluded.coalesced,
            misses = misses + excluded.misses, bypasses = bypasses + excluded.bypasses,
            cost_saved = cost_saved + excluded.cost_saved, upstream_cost = upstream_cost + excluded.upstream_cost,
            latency_saved_ms = latency_saved_ms + excluded.latency_saved_ms,
            tokens_saved_input = tokens_saved_input + excluded.tokens_saved_input,
            tokens_saved_output = tokens_saved_output + excluded.tokens_saved_output,
            unknown_cost_requests = unknown_cost_requests + excluded.unknown_cost_requests
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
            command.ExecuteNonQuery();
        }
    }
}
