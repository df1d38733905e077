using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// The entry upsert, prepared once for the writer's connection: parsing the INSERT afresh was the writer's
/// largest cost per store. Used by the single writer only (one thread at a time).
/// </summary>
internal sealed class EntryUpsertCommands : IDisposable
{
    private const string UpsertSql = """
        INSERT INTO entries (key, cache_id, model, namespace, created_at, expires_at, size,
            tokens_input, tokens_output, tokens_cached, cost_total, latency_ms, body, cost_estimated)
        VALUES ($key, $cache_id, $model, $namespace, $created_at, $expires_at, $size,
            $tokens_input, $tokens_output, $tokens_cached, $cost_total, $latency_ms, $body, $cost_estimated)
        ON CONFLICT (key) DO UPDATE SET
            cache_id = excluded.cache_id, model = excluded.model, namespace = excluded.namespace,
            created_at = excluded.created_at, expires_at = excluded.expires_at, size = excluded.size,
            tokens_input = excluded.tokens_input, tokens_output = excluded.tokens_output,
            tokens_cached = excluded.tokens_cached, cost_total = excluded.cost_total,
            latency_ms = excluded.latency_ms, body = excluded.body, cost_estimated = excluded.cost_estimated
        """;

    private static readonly string[] UpsertParameters =
    [
        "$key", "$cache_id", "$model", "$namespace", "$created_at", "$expires_at", "$size",
        "$tokens_input", "$tokens_output", "$tokens_cached", "$cost_total", "$latency_ms", "$body", "$cost_estimated",
    ];

    private SqliteConnection? _connection;
    private SqliteCommand? _size;
    private SqliteCommand? _upsert;

    /// <summary>Writes the row; returns the size of the row it replaced, or null when the key was new.</summary>
    public long? Upsert(SqliteConnection connection, SqliteTransaction transaction, EntryRow row, byte[] body)
    {
        var (size, upsert) = CommandsFor(connection);
        size.Transaction = transaction;
        size.Parameters[0].Value = row.Key;
        long? oldSize = size.ExecuteScalar() is long s ? s : null;

        var p = upsert.Parameters;
        upsert.Transaction = transaction;
        p[0].Value = row.Key;
        p[1].Value = row.CacheId;
        p[2].Value = row.Model;
        p[3].Value = row.Namespace;
        p[4].Value = row.CreatedAtMs;
        p[5].Value = (object?)row.ExpiresAtMs ?? DBNull.Value;
        p[6].Value = body.LongLength;
        p[7].Value = row.TokensInput;
        p[8].Value = row.TokensOutput;
        p[9].Value = row.TokensCached;
        p[10].Value = (object?)row.CostTotal ?? DBNull.Value;
        p[11].Value = row.LatencyMs;
        p[12].Value = body;
        p[13].Value = row.CostEstimated ? 1 : 0;
        upsert.ExecuteNonQuery();
        return oldSize;
    }

    public void Dispose()
    {
        _size?.Dispose();
        _upsert?.Dispose();
        (_size, _upsert, _connection) = (null, null, null);
    }

    private (SqliteCommand Size, SqliteCommand Upsert) CommandsFor(SqliteConnection connection)
    {
        if (ReferenceEquals(connection, _connection) && _size is not null && _upsert is not null)
        {
            return (_size, _upsert);
        }

        Dispose();
        _size = connection.CreateCommand();
        _size.CommandText = "SELECT size FROM entries WHERE key = $key";
        _size.Parameters.Add("$key", SqliteType.Text);
        _upsert = connection.CreateCommand();
        _upsert.CommandText = UpsertSql;
        foreach (string name in UpsertParameters)
        {
            _upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _connection = connection;
        return (_size, _upsert);
    }
}
