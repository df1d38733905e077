using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// Runs in the same transaction as an entry's upsert, so what it writes (an S3 outbox row) commits or
/// rolls back together with the entry.
/// </summary>
internal interface ISqliteEntryHook
{
    void OnEntryStored(SqliteConnection connection, SqliteTransaction transaction, CacheEntry entry, CacheWriteKind kind);
}
