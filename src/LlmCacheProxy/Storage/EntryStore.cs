using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// Every query on the <c>entries</c> table: point reads of a body (prepared, on kept-open connections), and the
/// index reads that admin listings, invalidation counts, pattern deletes and analytics make. Reads run on pooled
/// connections; writes are <see cref="ISqliteWrite"/>s for the single writer (EntryStore.Writes.cs). With the database
/// off every read finds nothing.
/// </summary>
internal sealed partial class EntryStore(SqliteDatabase database, SqliteWriter writer, TimeProvider time) : IDisposable
{
    private const string InfoColumns = """
        key, cache_id, model, namespace, created_at, expires_at, size, tokens_input, tokens_output,
        tokens_cached, cost_total, latency_ms, hit_count, last_hit_at, cost_estimated
        """;

    private readonly SqliteEntryReaders _readers = new(database);
    private readonly EntryUpsertCommands _upserts = new();
    private readonly PendingHits _hits = new();

    public SqliteDatabase Database => database;

    /// <summary>The stored body of a key, or null.</summary>
    public byte[]? ReadBody(string key) => database.IsAvailable ? _readers.ReadBody(key) : null;

    /// <summary>Unexpired entries created in [after, before) whole milliseconds (epochs end on one), optionally of one model or namespace.</summary>
    public long CountUnexpired(string? model, string? ns, DateTimeOffset before, DateTimeOffset? after)
    {
        if (!database.IsAvailable)
        {
            return 0;
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        // The filters are left out rather than written "$model IS NULL OR model = $model": SQLite plans before
        // binding, and the OR form makes it scan every row by created_at instead of the (model, created_at) index.
        command.CommandText = "SELECT count(*) FROM entries WHERE created_at < $before AND created_at >= $after" +
            " AND (expires_at IS NULL OR expires_at > $now)" +
            (model is null ? "" : " AND model = $model") +
            (ns is null ? "" : " AND namespace = $ns");
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$after", after?.ToUnixTimeMilliseconds() ?? long.MinValue);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        if (model is not null)
        {
            command.Parameters.AddWithValue("$model", model);
        }

        if (ns is not null)
        {
            command.Parameters.AddWithValue("$ns", ns);
        }

        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Keys whose model or cache_id matches the glob (SQLite GLOB: <c>*</c>, <c>?</c>, <c>[...]</c>, case-sensitive).</summary>
    public List<string> KeysMatching(string glob)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM entries WHERE model GLOB $glob OR cache_id GLOB $glob";
        command.Parameters.AddWithValue("$glob", glob);
        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public EntryInfo? Get(string key)
    {
        if (!database.IsAvailable)
        {
            return null;
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {InfoColumns} FROM entries WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInfo(reader) : null;
    }

    /// <summary>
    /// Newest first, keyset-paged on (created_at, key) so pages stay stable while entries are added: the rows strictly
    /// after the cursor, at most <paramref name="limit"/>.
    /// </summary>
    public List<EntryInfo> List(string? model, string? ns, int limit, (long CreatedAtMs, string Key)? after)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {InfoColumns} FROM entries
            WHERE ($model IS NULL OR model = $model) AND ($ns IS NULL OR namespace = $ns)
              AND ($c IS NULL OR created_at < $c OR (created_at = $c AND key < $k))
            ORDER BY created_at DESC, key DESC
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
        command.Parameters.AddWithValue("$ns", (object?)ns ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)after?.CreatedAtMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$k", (object?)after?.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadInfos(command, limit);
    }

    /// <summary>The most-hit live entries, optionally of one model or namespace.</summary>
    public List<EntryInfo> MostHit(string? model, string? ns, int limit)
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {InfoColumns} FROM entries
            WHERE hit_count > 0 AND (expires_at IS NULL OR expires_at > $now){Filters(model, ns)}
            ORDER BY hit_count DESC, last_hit_at DESC LIMIT $limit
            """;
        Bind(command, model, ns);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadInfos(command, limit);
    }

    /// <summary>Live entries never hit, optionally of one model or namespace.</summary>
    public long CountNeverHit(string? model, string? ns)
    {
        if (!database.IsAvailable)
        {
            return 0;
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM entries WHERE hit_count = 0 AND (expires_at IS NULL OR expires_at > $now){Filters(model, ns)}";
        Bind(command, model, ns);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _readers.Dispose();
        _upserts.Dispose();
    }

    private static string Filters(string? model, string? ns) =>
        (model is null ? "" : " AND model = $model") + (ns is null ? "" : " AND namespace = $ns");

    private void Bind(SqliteCommand command, string? model, string? ns)
    {
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
        command.Parameters.AddWithValue("$ns", (object?)ns ?? DBNull.Value);
    }

    private static List<EntryInfo> ReadInfos(SqliteCommand command, int capacity)
    {
        var rows = new List<EntryInfo>(capacity);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(ReadInfo(reader));
        }

        return rows;
    }

    private static EntryInfo ReadInfo(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9),
        reader.IsDBNull(10) ? null : reader.GetDouble(10),
        reader.GetInt64(11), reader.GetInt64(12),
        reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        reader.GetInt64(14) != 0);
}
