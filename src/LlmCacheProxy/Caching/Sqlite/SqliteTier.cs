using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// L2: the embedded store. Reads on pooled connections; writes (entries, deletes, hit counts) queued to the
/// background writer, so a store never waits for the disk on the request path.
/// </summary>
internal sealed class SqliteTier(
    SqliteDatabase database,
    SqliteWriter writer,
    IEnumerable<ISqliteEntryHook> hooks,
    ILogger<SqliteTier> logger) : ICacheTier, IDisposable
{
    private readonly ISqliteEntryHook[] _hooks = hooks.ToArray();
    private readonly PendingHits _hits = new();
    private readonly SqliteEntryReaders _readers = new(database);
    private readonly EntryUpsertCommands _upserts = new();

    public string Name => "sqlite";

    public SqliteDatabase Database => database;

    public SqliteWriter Writer => writer;

    public ValueTask<CacheEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var body = _readers.ReadBody(key);
        if (body is null)
        {
            return ValueTask.FromResult<CacheEntry?>(null);
        }

        var entry = CacheEntrySerializer.Deserialize(body);
        if (entry is null)
        {
            CachingLog.SqliteCorruptEntry(logger, TieredCache.KeyPrefix(key));
        }

        return ValueTask.FromResult(entry);
    }

    public ValueTask SetAsync(CacheEntry entry, CacheWriteKind kind, CancellationToken cancellationToken)
    {
        writer.TryEnqueue(new UpsertEntry(entry, kind, this));
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        writer.TryEnqueue(new DeleteEntry(key, database));
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _readers.Dispose();
        _upserts.Dispose();
    }

    /// <summary>Counts a hit for eviction order and hot-key reports: one queued write per key however many hits arrive before it runs.</summary>
    public void RecordHit(string key, DateTimeOffset at)
    {
        if (_hits.Add(key, at.ToUnixTimeMilliseconds()) && !writer.TryEnqueue(new RecordHitWrite(key, _hits)))
        {
            _hits.Take(key); // queue full: these hits are dropped (and counted by the writer) rather than stuck
        }
    }

    private sealed class UpsertEntry(CacheEntry entry, CacheWriteKind kind, SqliteTier tier) : ISqliteWrite
    {
        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            byte[] body = CacheEntrySerializer.Serialize(entry);
            long? oldSize = tier._upserts.Upsert(connection, transaction, entry, body);
            foreach (var hook in tier._hooks)
            {
                hook.OnEntryStored(connection, transaction, entry, kind);
            }

            tier.Database.AdjustTotals(body.LongLength - (oldSize ?? 0), oldSize is null ? 1 : 0);
        }
    }

    private sealed class DeleteEntry(string key, SqliteDatabase database) : ISqliteWrite
    {
        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM entries WHERE key = $key RETURNING size";
            command.Parameters.AddWithValue("$key", key);
            if (command.ExecuteScalar() is long size)
            {
                database.AdjustTotals(-size, -1);
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
