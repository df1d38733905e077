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
        writer.TryEnqueue(new UpsertEntry(entry, kind, database, _hooks));
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        writer.TryEnqueue(new DeleteEntry(key, database));
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _readers.Dispose();

    /// <summary>Counts a hit for eviction order and hot-key reports: one queued write per key however many hits arrive before it runs.</summary>
    public void RecordHit(string key, DateTimeOffset at)
    {
        if (_hits.Add(key, at.ToUnixTimeMilliseconds()) && !writer.TryEnqueue(new RecordHitWrite(key, _hits)))
        {
            _hits.Take(key); // queue full: these hits are dropped (and counted by the writer) rather than stuck
        }
    }

    private sealed class UpsertEntry(CacheEntry entry, CacheWriteKind kind, SqliteDatabase database, ISqliteEntryHook[] hooks) : ISqliteWrite
    {
        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            byte[] body = CacheEntrySerializer.Serialize(entry);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                SELECT size FROM entries WHERE key = $key;
                """;
            command.Parameters.AddWithValue("$key", entry.CacheKey);
            long? oldSize = command.ExecuteScalar() is long s ? s : null;

            command.CommandText = """
                INSERT INTO entries (key, cache_id, model, namespace, created_at, expires_at, size,
                    tokens_input, tokens_output, tokens_cached, cost_total, latency_ms, body)
                VALUES ($key, $cache_id, $model, $namespace, $created_at, $expires_at, $size,
                    $tokens_input, $tokens_output, $tokens_cached, $cost_total, $latency_ms, $body)
                ON CONFLICT (key) DO UPDATE SET
                    cache_id = excluded.cache_id, model = excluded.model, namespace = excluded.namespace,
                    created_at = excluded.created_at, expires_at = excluded.expires_at, size = excluded.size,
                    tokens_input = excluded.tokens_input, tokens_output = excluded.tokens_output,
                    tokens_cached = excluded.tokens_cached, cost_total = excluded.cost_total,
                    latency_ms = excluded.latency_ms, body = excluded.body
                """;
            command.Parameters.AddWithValue("$cache_id", entry.CacheId);
            command.Parameters.AddWithValue("$model", entry.Model);
            command.Parameters.AddWithValue("$namespace", entry.Namespace);
            command.Parameters.AddWithValue("$created_at", entry.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$expires_at", (object?)entry.ExpiresAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$size", body.LongLength);
            command.Parameters.AddWithValue("$tokens_input", entry.Tokens.Input);
            command.Parameters.AddWithValue("$tokens_output", entry.Tokens.Output);
            command.Parameters.AddWithValue("$tokens_cached", entry.Tokens.CachedInput);
            command.Parameters.AddWithValue("$cost_total", (object?)entry.Cost?.Total ?? DBNull.Value);
            command.Parameters.AddWithValue("$latency_ms", entry.LatencyMs);
            command.Parameters.AddWithValue("$body", body);
            command.ExecuteNonQuery();

            foreach (var hook in hooks)
            {
                hook.OnEntryStored(connection, transaction, entry, kind);
            }

            database.AdjustTotals(body.LongLength - (oldSize ?? 0), oldSize is null ? 1 : 0);
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
