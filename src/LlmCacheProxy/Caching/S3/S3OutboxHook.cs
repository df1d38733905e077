using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Writes the outbox row in the entry's own transaction: the entry is in SQLite and queued for S3, or neither.
/// Only fresh answers go out; a copy promoted from S3 (or SQLite) is already where it came from.
/// </summary>
internal sealed class S3OutboxHook(S3OutboxSignal signal, TimeProvider time) : ISqliteEntryHook
{
    public void OnEntryStored(SqliteConnection connection, SqliteTransaction transaction, CacheEntry entry, CacheWriteKind kind)
    {
        if (kind != CacheWriteKind.Store)
        {
            return;
        }

        Insert(connection, transaction, entry, time.GetUtcNow());
        signal.Notify();
    }

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, CacheEntry entry, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO s3_outbox (key, enqueued_at, attempts, next_attempt_at, body)
            VALUES ($key, $now, 0, 0, $body)
            """;
        command.Parameters.AddWithValue("$key", entry.CacheKey);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$body", CacheEntrySerializer.Serialize(entry));
        command.ExecuteNonQuery();
    }
}
