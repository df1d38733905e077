namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// The entries and invalidations tables (times are Unix milliseconds, UTC). The model and namespace indexes carry
/// expires_at so that counting what an invalidation kills reads the index alone, never the rows (bodies).
/// </summary>
internal sealed class EntriesSchema : ISqliteSchema
{
    public string Ddl => """
        CREATE TABLE IF NOT EXISTS entries (
            key TEXT PRIMARY KEY,
            cache_id TEXT NOT NULL,
            model TEXT NOT NULL,
            namespace TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            size INTEGER NOT NULL,
            tokens_input INTEGER NOT NULL DEFAULT 0,
            tokens_output INTEGER NOT NULL DEFAULT 0,
            tokens_cached INTEGER NOT NULL DEFAULT 0,
            cost_total REAL,
            latency_ms INTEGER NOT NULL DEFAULT 0,
            hit_count INTEGER NOT NULL DEFAULT 0,
            last_hit_at INTEGER,
            body BLOB NOT NULL
        );
        DROP INDEX IF EXISTS ix_entries_model_created;
        DROP INDEX IF EXISTS ix_entries_namespace_created;
        CREATE INDEX IF NOT EXISTS ix_entries_model_created_expires ON entries (model, created_at, expires_at);
        CREATE INDEX IF NOT EXISTS ix_entries_namespace_created_expires ON entries (namespace, created_at, expires_at);
        CREATE INDEX IF NOT EXISTS ix_entries_created ON entries (created_at);
        CREATE INDEX IF NOT EXISTS ix_entries_recency ON entries (coalesce(last_hit_at, created_at));
        CREATE TABLE IF NOT EXISTS invalidations (
            scope TEXT PRIMARY KEY,
            before INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """;
}
