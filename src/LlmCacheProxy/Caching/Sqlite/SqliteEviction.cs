using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// Keeps the entries table under <c>Cache:Sqlite:MaxBytes</c>: when over, deletes the least recently hit
/// entries (never-hit ones by creation time) down to 90% of the cap. Runs on the writer's connection.
/// </summary>
internal sealed class SqliteEviction(SqliteDatabase database, IOptions<CacheOptions> options, ILogger<SqliteEviction> logger)
{
    private readonly long _maxBytes = options.Value.Sqlite.MaxBytes;
    private long _evicted;

    public long Evicted => Interlocked.Read(ref _evicted);

    public void EvictIfNeeded(SqliteConnection connection)
    {
        if (_maxBytes <= 0 || database.TotalBytes <= _maxBytes)
        {
            return;
        }

        long target = _maxBytes * 9 / 10;
        int deleted = 0;
        while (database.TotalBytes > target)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM entries WHERE key IN (
                    SELECT key FROM entries ORDER BY coalesce(last_hit_at, created_at) LIMIT 200)
                RETURNING size
                """;
            long bytes = 0;
            int rows = 0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    bytes += reader.GetInt64(0);
                    rows++;
                }
            }

            transaction.Commit();
            database.AdjustTotals(-bytes, -rows);
            deleted += rows;
            if (rows == 0)
            {
                break;
            }
        }

        Interlocked.Add(ref _evicted, deleted);
        CachingLog.SqliteEvicted(logger, deleted, _maxBytes);
    }
}
