using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Storage;

/// <summary>
/// Keeps the entries table under <c>Cache:Sqlite:MaxBytes</c>: when over, deletes the least recently hit entries
/// (never-hit ones by creation time) down to 90% of the cap, 200 rows a transaction. Runs on the writer's connection,
/// through the writer's transaction helper, so a failure (a full disk) leaves the connection as clean as any write's.
/// </summary>
internal sealed class SqliteEviction(SqliteDatabase database, IOptions<SqliteOptions> options, ILogger<SqliteEviction> logger)
{
    private readonly long _maxBytes = options.Value.MaxBytes;
    private long _evicted;

    public long Evicted => Interlocked.Read(ref _evicted);

    /// <param name="inTransaction">Runs its argument in a transaction and commits it (the writer's own helper).</param>
    public void EvictIfNeeded(SqliteConnection connection, Action<Action<SqliteTransaction>> inTransaction)
    {
        if (_maxBytes <= 0 || database.TotalBytes <= _maxBytes)
        {
            return;
        }

        long target = _maxBytes * 9 / 10;
        int deleted = 0;
        while (database.TotalBytes > target)
        {
            long bytes = 0;
            int rows = 0;
            inTransaction(transaction =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM entries WHERE key IN (
                        SELECT key FROM entries ORDER BY coalesce(last_hit_at, created_at) LIMIT 200)
                    RETURNING size
                    """;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    bytes += reader.GetInt64(0);
                    rows++;
                }
            });

            database.AdjustTotals(-bytes, -rows);
            deleted += rows;
            if (rows == 0)
            {
                // The totals said over the cap but the table is empty: they drifted; take the truth.
                database.RefreshTotals(connection);
                break;
            }
        }

        Interlocked.Add(ref _evicted, deleted);
        StorageLog.Evicted(logger, deleted, _maxBytes);
    }
}
