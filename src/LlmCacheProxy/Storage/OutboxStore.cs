using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// The <c>s3_outbox</c> and <c>s3_uploads</c> tables. Rows are written in the entry's own transaction by the write
/// path (<see cref="Insert"/>); reads use a pooled connection; every other change goes through the single writer.
/// Rows are matched by id, so settling an old upload never touches a row that a newer store of the same key put in
/// its place.
/// </summary>
internal sealed class OutboxStore(SqliteDatabase database, SqliteWriter writer, TimeProvider time)
{
    /// <summary>Queues the objects of one entry, inside the caller's (the entry's) transaction.</summary>
    public static void Insert(
        SqliteConnection connection, SqliteTransaction transaction, string key, long nowMs, byte[] body, byte[] metadata, byte[] pointer)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO s3_outbox (key, enqueued_at, attempts, next_attempt_at, body, metadata, pointer)
            VALUES ($key, $now, 0, 0, $body, $metadata, $pointer)
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", nowMs);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$metadata", metadata);
        command.Parameters.AddWithValue("$pointer", pointer);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<OutboxRow> ReadDue(int limit)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, key, attempts, body, metadata, pointer FROM s3_outbox
            WHERE next_attempt_at <= $now ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var rows = new List<OutboxRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), (byte[])reader.GetValue(3),
                reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4), reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5)));
        }

        return rows;
    }

    public long Count()
    {
        if (!database.IsAvailable)
        {
            return 0;
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM s3_outbox";
        return (long)command.ExecuteScalar()!;
    }

    public void Delete(long id) => writer.TryEnqueue(new SqlStatement("DELETE FROM s3_outbox WHERE id = $id", ("$id", id)));

    /// <summary>Settles an uploaded row and remembers the upload for the day's manifest, in one transaction.</summary>
    public void Uploaded(long id, UploadRecord upload) =>
        writer.TryEnqueue(new SqlStatement(
            """
            DELETE FROM s3_outbox WHERE id = $id;
            INSERT OR REPLACE INTO s3_uploads (object_key, day, cache_id, model, size, created_at)
            VALUES ($object_key, $day, $cache_id, $model, $size, $created_at);
            """,
            ("$id", id), ("$object_key", upload.ObjectKey), ("$day", upload.Day), ("$cache_id", upload.CacheId),
            ("$model", upload.Model), ("$size", upload.Size), ("$created_at", upload.CreatedAt.ToUnixTimeMilliseconds())));

    /// <summary>This instance's uploads of one UTC day (yyyy-MM-dd).</summary>
    public IReadOnlyList<UploadRecord> UploadsOf(string day)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT object_key, cache_id, model, size, created_at FROM s3_uploads WHERE day = $day";
        command.Parameters.AddWithValue("$day", day);
        var items = new List<UploadRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new UploadRecord(reader.GetString(0), day, reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return items;
    }

    public IReadOnlyList<string> UploadDays()
    {
        if (!database.IsAvailable)
        {
            return [];
        }

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
        writer.TryEnqueue(new SqlStatement("DELETE FROM s3_uploads WHERE day < $day", ("$day", day)));

    /// <summary>Puts a failed row back with exponential backoff (2^attempts s, at most 5 min).</summary>
    public void Defer(OutboxRow row, string error)
    {
        int attempts = row.Attempts + 1;
        long delayMs = (long)Math.Min(300_000, 1000 * Math.Pow(2, Math.Min(attempts, 20)));
        writer.TryEnqueue(new SqlStatement(
            "UPDATE s3_outbox SET attempts = $attempts, next_attempt_at = $next, last_error = $error WHERE id = $id",
            ("$id", row.Id), ("$attempts", attempts), ("$next", time.GetUtcNow().ToUnixTimeMilliseconds() + delayMs), ("$error", error)));
    }

    public Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);
}
