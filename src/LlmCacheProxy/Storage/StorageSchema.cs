namespace LlmCacheProxy.Storage;

/// <summary>
/// Every table of the database, and the migrations between versions (<c>PRAGMA user_version</c>). Times are Unix
/// milliseconds, UTC. Version 1 is the layout every release before the versioning wrote (so a file with version 0
/// gets it with <c>IF NOT EXISTS</c>); later versions only add, so an older proxy can still read a newer file.
/// <list type="bullet">
/// <item><c>entries</c>: one cached answer per key (<c>body</c> is the serialized entry). The model and namespace
/// indexes carry expires_at so counting what an invalidation kills reads the index alone, never the bodies.</item>
/// <item><c>invalidations</c>: epochs, one <c>before</c> per scope.</item>
/// <item><c>usage_hourly</c>: one row per (hour, model, namespace), counts added up by UPSERT; costs in USD (REAL).</item>
/// <item><c>s3_outbox</c>: entries waiting for S3, one row per key (a newer store of the key replaces the row and gets
/// a new id, so a finished upload of the old version never deletes the new one). The row holds every object to
/// upload (entry, metadata, pointer), so eviction from <c>entries</c> cannot lose a pending upload.</item>
/// <item><c>s3_uploads</c>: what this instance uploaded, by UTC day of creation, for the by-date manifest.</item>
/// </list>
/// </summary>
internal static class StorageSchema
{
    public const int CurrentVersion = 2;

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

    /// <summary>The statements that bring a file from <c>user_version</c> = index to index + 1.</summary>
    public static IReadOnlyList<string> Migrations { get; } = [Version1, Version2];
}
