using LlmCacheProxy.Caching.Sqlite;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// <c>usage_hourly</c>: one row per (hour, model, namespace), counts added up by UPSERT. <c>hour</c> is the
/// hour's start in Unix milliseconds (UTC). Costs are USD (REAL; read back rounded to 12 decimals).
/// <c>hits</c> counts every answer served without an upstream call (all tiers, stale, coalesced with an entry).
/// </summary>
internal sealed class UsageSchema : ISqliteSchema
{
    public string Ddl => """
        CREATE TABLE IF NOT EXISTS usage_hourly (
            hour INTEGER NOT NULL,
            model TEXT NOT NULL,
            namespace TEXT NOT NULL DEFAULT '',
            requests INTEGER NOT NULL DEFAULT 0,
            hits INTEGER NOT NULL DEFAULT 0,
            hits_memory INTEGER NOT NULL DEFAULT 0,
            hits_sqlite INTEGER NOT NULL DEFAULT 0,
            hits_s3 INTEGER NOT NULL DEFAULT 0,
            coalesced INTEGER NOT NULL DEFAULT 0,
            misses INTEGER NOT NULL DEFAULT 0,
            bypasses INTEGER NOT NULL DEFAULT 0,
            cost_saved REAL NOT NULL DEFAULT 0,
            upstream_cost REAL NOT NULL DEFAULT 0,
            latency_saved_ms INTEGER NOT NULL DEFAULT 0,
            tokens_saved_input INTEGER NOT NULL DEFAULT 0,
            tokens_saved_output INTEGER NOT NULL DEFAULT 0,
            unknown_cost_requests INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (hour, model, namespace)
        );
        CREATE INDEX IF NOT EXISTS ix_usage_hourly_model ON usage_hourly (model, hour);
        """;
}
