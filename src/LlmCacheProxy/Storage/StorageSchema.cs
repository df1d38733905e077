namespace LlmCacheProxy.Storage;

/// <summary>
/// Every table of the database, and the migrations between versions (<c>PRAGMA user_version</c>). Times are Unix
/// milliseconds, UTC. Version 1 is the layout every release before the versioning wrote (so a file with version 0
/// gets it with <c>IF NOT EXISTS</c>); later versions add, so an older proxy can still read a newer file (version 3
/// rebuilds <c>usage_hourly</c> under a wider primary key: a proxy older than it reads that table but cannot add to it).
/// <list type="bullet">
/// <item><c>entries</c>: one cached answer per key (<c>body</c> is the serialized entry). The model and namespace
/// indexes carry expires_at so counting what an invalidation kills reads the index alone, never the bodies.</item>
/// <item><c>invalidations</c>: epochs, one <c>before</c> per scope.</item>
/// <item><c>usage_hourly</c>: one row per (hour, model, namespace, endpoint), counts added up by UPSERT; costs in USD (REAL).</item>
/// <item><c>s3_outbox</c>: entries waiting for S3, one row per key (a newer store of the key replaces the row and gets
/// a new id, so a finished upload of the old version never deletes the new one). The row holds every object to
/// upload (entry, metadata, pointer), so eviction from <c>entries</c> cannot lose a pending upload.</item>
/// <item><c>s3_uploads</c>: what this instance uploaded, by UTC day of creation, for the by-date manifest.</item>
/// </list>
/// </summary>
internal static class StorageSchema
{
    public const int CurrentVersion = 3;

    private const string Version1 = """
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
        CREATE TABLE IF NOT EXISTS s3_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            enqueued_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            body BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_s3_outbox_due ON s3_outbox (next_attempt_at, id);
        CREATE TABLE IF NOT EXISTS s3_uploads (
            object_key TEXT PRIMARY KEY,
            day TEXT NOT NULL,
            cache_id TEXT NOT NULL,
            model TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_s3_uploads_day ON s3_uploads (day);
        """;

    // Version 2: the outbox row carries the metadata and pointer documents made when the entry was stored, so the
    // uploader sends bytes without reading the entry back. Rows queued by version 1 have them null.
    private const string Version2 = """
        ALTER TABLE s3_outbox ADD COLUMN metadata BLOB;
        ALTER TABLE s3_outbox ADD COLUMN pointer BLOB;
        """;

    // Version 3: usage per endpoint (chat.completions, responses, embeddings, completions). The endpoint joins the primary
    // key, which SQLite cannot alter: the table is rebuilt, every older row kept as chat.completions (the only endpoint
    // cached before). estimated_cost_requests counts answers whose cost the proxy estimated; entries.cost_estimated
    // marks such entries for the admin listing.
    private const string Version3 = """
        CREATE TABLE usage_hourly_v3 (
            hour INTEGER NOT NULL,
            model TEXT NOT NULL,
            namespace TEXT NOT NULL DEFAULT '',
            endpoint TEXT NOT NULL DEFAULT 'chat.completions',
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
            estimated_cost_requests INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (hour, model, namespace, endpoint)
        );
        INSERT INTO usage_hourly_v3 (hour, model, namespace, endpoint, requests, hits, hits_memory, hits_sqlite, hits_s3,
            coalesced, misses, bypasses, cost_saved, upstream_cost, latency_saved_ms, tokens_saved_input, tokens_saved_output,
            unknown_cost_requests)
        SELECT hour, model, namespace, 'chat.completions', requests, hits, hits_memory, hits_sqlite, hits_s3,
            coalesced, misses, bypasses, cost_saved, upstream_cost, latency_saved_ms, tokens_saved_input, tokens_saved_output,
            unknown_cost_requests
        FROM usage_hourly;
        DROP TABLE usage_hourly;
        ALTER TABLE usage_hourly_v3 RENAME TO usage_hourly;
        CREATE INDEX ix_usage_hourly_model ON usage_hourly (model, hour);
        CREATE INDEX ix_usage_hourly_endpoint ON usage_hourly (endpoint, hour);
        ALTER TABLE entries ADD COLUMN cost_estimated INTEGER NOT NULL DEFAULT 0;
        """;

    /// <summary>The statements that bring a file from <c>user_version</c> = index to index + 1.</summary>
    public static IReadOnlyList<string> Migrations { get; } = [Version1, Version2, Version3];
}
