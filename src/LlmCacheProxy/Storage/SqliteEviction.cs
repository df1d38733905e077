using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Storage;

/// <summary>
/// Keeps the database file under <c>Cache:Sqlite:MaxBytes</c>, measured as the pages in use
/// (<c>page_count - freelist_count</c>, times <c>page_size</c>): entries, indexes, usage and the outbox alike, since
/// deleted pages are reused before the file grows. When over, it deletes down to 90% of the cap, in transactions of
/// a few hundred rows: the least recently hit entries first (never-hit ones by creation time); when no entry is left,
/// the oldest queued S3 uploads, then the oldest usage hours. Runs on the writer's connection, through the writer's
/// transaction helper, so a failure (a full disk) leaves the connection as clean as any write's.
/// </summary>
internal sealed class SqliteEviction(SqliteDatabase database, IOptions<SqliteOptions> options, ILogger<SqliteEviction> logger)
{
    private const string UsedBytesSql = "SELECT (c.page_count - f.freelist_count) * s.page_size FROM pragma_page_count() c, pragma_freelist_count() f, pragma_page_size() s";

    /// <summary>What goes, in this order, until the file is under target: cheapest to lose first.</summary>
    private static readonly (string Table, string Sql)[] Victims =
    [
        ("entries", "DELETE FROM entries WHERE key IN (SELECT key FROM entries ORDER BY coalesce(last_hit_at, created_at) LIMIT 200) RETURNING size"),
        ("s3_outbox", "DELETE FROM s3_outbox WHERE id IN (SELECT id FROM s3_outbox ORDER BY id LIMIT 50) RETURNING 0"),
        ("usage_hourly", "DELETE FROM usage_hourly WHERE hour = (SELECT min(hour) FROM usage_hourly) RETURNING 0"),
    ];

    private readonly long _maxBytes = options.Value.MaxBytes;
    private long _evicted;
    private bool _reportedFull;

    public long Evicted => Interlocked.Read(ref _evicted);

    /// <param name="inTransaction">Runs its argument in a transaction and commits it (the writer's own helper).</param>
    public void EvictIfNeeded(SqliteConnection connection, Action<Action<SqliteTransaction>> inTransaction)
    {
        if (_maxBytes <= 0 || UsedBytes(connection) <= _maxBytes)
        {
            _reportedFull = false;
            return;
        }

        long target = _maxBytes * 9 / 10;
        var deleted = new int[Victims.Length];
        int victim = 0;
        while (victim < Victims.Length && UsedBytes(connection) > target)
        {
            var (rows, bytes) = DeleteSome(connection, inTransaction, Victims[victim].Sql);
            if (rows == 0)
            {
                victim++;
                continue;
            }

            deleted[victim] += rows;
            if (victim == 0)
            {
                database.AdjustTotals(-bytes, -rows);
            }
        }

        if (deleted[0] == 0 && database.EntryCount > 0)
        {
            // Over the cap with no entry deleted while the totals count some: they drifted; take the truth.
            database.RefreshTotals(connection);
        }

        Interlocked.Add(ref _evicted, deleted[0]);
        if (deleted[0] > 0)
        {
            StorageLog.Evicted(logger, deleted[0], _maxBytes);
        }

        if (deleted[1] + deleted[2] > 0)
        {
            StorageLog.EvictedBeyondEntries(logger, deleted[1], deleted[2], _maxBytes);
        }

        if (victim == Victims.Length && !_reportedFull)
        {
            _reportedFull = true;
            StorageLog.NothingLeftToEvict(logger, UsedBytes(connection), _maxBytes);
        }
    }

    private static long UsedBytes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = UsedBytesSql;
        return (long)command.ExecuteScalar()!;
    }

    private static (int Rows, long Bytes) DeleteSome(SqliteConnection connection, Action<Action<SqliteTransaction>> inTransaction, string sql)
    {
        int rows = 0;
        long bytes = 0;
        inTransaction(transaction =>
        {
            rows = 0;
            bytes = 0;
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                bytes += reader.GetInt64(0);
                rows++;
            }
        });
        return (rows, bytes);
    }
}
