using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// Writes on <c>entries</c>, run by the single writer. The database's entry and byte totals move only after the
/// batch that holds a write committed (<see cref="ISqliteWrite.Completed"/>), so a rolled-back batch cannot leave
/// them counting rows that are not there.
/// </summary>
internal sealed partial class EntryStore
{
    /// <summary>
    /// Inserts or replaces a row inside the caller's transaction (the write path's, shared with the S3 outbox row).
    /// Returns the change to the totals, for the caller to apply once its batch committed.
    /// </summary>
    public (long Bytes, long Entries) Upsert(SqliteConnection connection, SqliteTransaction transaction, EntryRow row, byte[] body)
    {
        long? oldSize = _upserts.Upsert(connection, transaction, row, body);
        return (body.LongLength - (oldSize ?? 0), oldSize is null ? 1 : 0);
    }

    /// <summary>
    /// Queues the delete of one key, only if its row was created before <paramref name="createdBefore"/> when one is
    /// given. False when the writer's queue is full.
    /// </summary>
    public bool Delete(string key, DateTimeOffset? createdBefore = null) =>
        writer.TryEnqueue(new DeleteEntry(key, createdBefore?.ToUnixTimeMilliseconds(), database));

    /// <summary>Queues the delete of every entry created before a time (after a clear); the totals are re-read.</summary>
    public bool DeleteCreatedBefore(DateTimeOffset before) =>
        writer.TryEnqueue(new DeleteCreatedBeforeWrite(before.ToUnixTimeMilliseconds(), database));

    /// <summary>Counts a hit for eviction order and hot-key reports: one queued write per key however many hits arrive before it runs.</summary>
    public void RecordHit(string key, DateTimeOffset at)
    {
        if (_hits.Add(key, at.ToUnixTimeMilliseconds()) && !writer.TryEnqueue(new RecordHitWrite(key, _hits)))
        {
            _hits.Take(key); // queue full: these hits are dropped (and counted by the writer) rather than stuck
        }
    }

    private sealed class DeleteEntry(string key, long? createdBeforeMs, SqliteDatabase database) : ISqliteWrite
    {
        private long? _size;

        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = createdBeforeMs is null
                ? "DELETE FROM entries WHERE key = $key RETURNING size"
                : "DELETE FROM entries WHERE key = $key AND created_at < $before RETURNING size";
            command.Parameters.AddWithValue("$key", key);
            if (createdBeforeMs is { } before)
            {
                command.Parameters.AddWithValue("$before", before);
            }

            _size = command.ExecuteScalar() is long size ? size : null;
        }

        public void Completed(Exception? error)
        {
            if (error is null && _size is { } size)
            {
                database.AdjustTotals(-size, -1);
            }
        }
    }

    private sealed class DeleteCreatedBeforeWrite(long beforeMs, SqliteDatabase database) : ISqliteWrite
    {
        private (long Entries, long Bytes) _left;

        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM entries WHERE created_at < $before;
                SELECT count(*), coalesce(sum(size), 0) FROM entries;
                """;
            command.Parameters.AddWithValue("$before", beforeMs);
            using var reader = command.ExecuteReader();
            reader.Read();
            _left = (reader.GetInt64(0), reader.GetInt64(1));
        }

        public void Completed(Exception? error)
        {
            if (error is null)
            {
                database.SetTotals(_left.Bytes, _left.Entries);
            }
        }
    }

    private sealed class RecordHitWrite(string key, PendingHits hits) : ISqliteWrite
    {
        // Taken once: a retry after a failed batch writes the same hits again rather than losing them.
        private (long Count, long LastAtMs)? _taken;

        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            var (count, lastAtMs) = _taken ??= hits.Take(key);
            if (count == 0)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE entries SET hit_count = hit_count + $count, last_hit_at = $at WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$count", count);
            command.Parameters.AddWithValue("$at", lastAtMs);
            command.ExecuteNonQuery();
        }
    }
}
