using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Admin;

/// <summary>
/// Admin reads over the SQLite <c>entries</c> table (the index of what the cache holds): counts for
/// invalidation, keys for pattern deletes, keyset-paged listings. Reads only; writes go through the writer.
/// </summary>
internal sealed class EntryIndex(SqliteDatabase database, InvalidationEpochs epochs, TimeProvider time)
{
    private const string Columns = """
        key, cache_id, model, namespace, created_at, expires_at, size, tokens_input, tokens_output,
        tokens_cached, cost_total, latency_ms, hit_count, last_hit_at
        """;

    /// <summary>Unexpired entries created in [after, before) whole milliseconds (epochs end on one), optionally of one model or namespace.</summary>
    public long CountUnexpired(string? model, string? ns, DateTimeOffset before, DateTimeOffset? after)
    {
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

    public EntryMetadata? Get(string key)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM entries WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader, time.GetUtcNow()) : null;
    }

    /// <summary>Newest first, keyset-paged on (created_at, key) so pages stay stable while entries are added.</summary>
    public EntryPage List(string? model, string? ns, int limit, EntryCursor? cursor)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM entries
            WHERE ($model IS NULL OR model = $model) AND ($ns IS NULL OR namespace = $ns)
              AND ($c IS NULL OR created_at < $c OR (created_at = $c AND key < $k))
            ORDER BY created_at DESC, key DESC
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
        command.Parameters.AddWithValue("$ns", (object?)ns ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)cursor?.CreatedAtMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$k", (object?)cursor?.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit + 1);
        var now = time.GetUtcNow();
        var rows = new List<EntryMetadata>(limit + 1);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(Read(reader, now));
            }
        }

        if (rows.Count <= limit)
        {
            return new EntryPage(rows, null);
        }

        rows.RemoveAt(limit);
        var last = rows[^1];
        return new EntryPage(rows, new EntryCursor(last.CreatedAt.ToUnixTimeMilliseconds(), last.Key).Encode());
    }

    private EntryMetadata Read(SqliteDataReader reader, DateTimeOffset now)
    {
        string model = reader.GetString(2);
        string ns = reader.GetString(3);
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4));
        DateTimeOffset? expiresAt = reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5));
        var killedBy = epochs.FindKillingEpoch(model, ns, createdAt) is { } epoch ? new EpochInfo(epoch.Scope, epoch.Before) : null;
        string status = killedBy is not null ? "invalidated" : expiresAt <= now ? "expired" : "live";
        return new EntryMetadata(
            reader.GetString(0), reader.GetString(1), model, ns, createdAt, expiresAt, reader.GetInt64(6),
            new EntryTokens(reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9)),
            reader.IsDBNull(10) ? null : reader.GetDouble(10),
            reader.GetInt64(11), reader.GetInt64(12),
            reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
            status, killedBy);
    }
}
