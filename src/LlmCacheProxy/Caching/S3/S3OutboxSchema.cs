using LlmCacheProxy.Caching.Sqlite;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// <c>s3_outbox</c>: entries waiting for S3, one row per key (a newer store of the key replaces the row and gets a
/// new id, so a finished upload of the old version never deletes the new one). The row holds the serialized entry
/// itself, so eviction from <c>entries</c> cannot lose a pending upload. <c>s3_uploads</c>: what this instance
/// uploaded, by UTC day of creation, for the by-date manifest (kept two days). Times are Unix milliseconds, UTC.
/// </summary>
internal sealed class S3OutboxSchema : ISqliteSchema
{
    public string Ddl => """
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
}
