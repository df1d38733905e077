using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Reads and settles <c>s3_outbox</c> rows. Reads use a pooled connection; changes go through the single
/// SQLite writer like every other write. Rows are matched by id, so settling an old upload never touches a
/// row that a newer store of the same key put in its place.
/// </summary>
internal sealed class S3Outbox(SqliteDatabase database, SqliteWriter writer, S3OutboxSignal signal, TimeProvider time)
{
    public IReadOnlyList<S3OutboxRow> ReadDue(int limit)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, key, attempts, body FROM s3_outbox WHERE next_attempt_at <= $now ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<S3OutboxRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new S3OutboxRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), (byte[])reader.GetValue(3)));
        }

        return rows;
    }

    public long Count()
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM s3_outbox";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Queues an entry directly (used when the SQLite tier is off and no entry hook runs).</summary>
    public void Enqueue(CacheEntry entry)
    {
        writer.TryEnqueue(new InsertRow(entry, time.GetUtcNow()));
        signal.Notify();
    }

    public void Delete(long id) => writer.TryEnqueue(new Statement("DELETE FROM s3_outbox WHERE id = $id", ("$id", id)));

    /// <summary>Settles an uploaded row and remembers the upload for the day's manifest, in one transaction.</summary>
    public void Uploaded(long id, CacheEntry entry, string objectKey, long size) =>
        writer.TryEnqueue(new Statement(
            """
            DELETE FROM s3_outbox WHERE id = $id;
            INSERT OR REPLACE INTO s3_uploads (object_key, day, cache_id, model, size, created_at)
            VALUES ($object_key, $day, $cache_id, $model, $size, $created_at);
            """,
            ("$id", id), ("$object_key", objectKey), ("$day", S3ManifestItem.Day(entry.CreatedAt)), ("$cache_id", entry.CacheId),
            ("$model", entry.Model), ("$size", size), ("$created_at", entry.CreatedAt.ToUnixTimeMilliseconds())));

    /// <summary>This instance's uploads of one UTC day (yyyy-MM-dd).</summary>
    public IReadOnlyList<S3ManifestItem> UploadsOf(string day)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT object_key, cache_id, model, size, created_at FROM s3_uploads WHERE day = $day";
        command.Parameters.AddWithValue("$day", day);
        var items = new List<S3ManifestItem>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new S3ManifestItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return items;
    }

    public IReadOnlyList<string> UploadDays()
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT day FROM s3_uploads ORDER BY day";
        var days = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            days.Add(reader.GetString(0));
        }

        return days;
    }

    /// <summary>Forgets uploads of days before <paramref name="day"/> (their manifests are final).</summary>
    public void ForgetUploadsBefore(string day) =>
        writer.TryEnqueue(new Statement("DELETE FROM s3_uploads WHERE day < $day", ("$day", day)));

    /// <summary>Puts a failed row back with exponential backoff (2^attempts s, at most 5 min).</summary>
    public void Defer(S3OutboxRow row, string error)
    {
        int attempts = row.Attempts + 1;
        long delayMs = (long)Math.Min(300_000, 1000 * Math.Pow(2, Math.Min(attempts, 20)));
        writer.TryEnqueue(new Statement(
            "UPDATE s3_outbox SET attempts = $attempts, next_attempt_at = $next, last_error = $error WHERE id = $id",
            ("$id", row.Id), ("$attempts", attempts), ("$next", time.GetUtcNow().ToUnixTimeMilliseconds() + delayMs), ("$error", error)));
    }

    public Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    private sealed class InsertRow(CacheEntry entry, DateTimeOffset now) : ISqliteWrite
    {
        public void Execute(SqliteConnection connection, SqliteTransaction transaction) =>
            S3OutboxHook.Insert(connection, transaction, entry, now);
    }

    /// <summary>Fixed SQL with its parameters, run in the writer's batch transaction (several statements run in order).</summary>
    private sealed class Statement(string sql, params (string Name, object Value)[] parameters) : ISqliteWrite
    {
        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }
    }
}
