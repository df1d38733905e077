using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// Reads that walk many rows of <c>entries</c>, streamed on one pooled connection (the caller stops when it has
/// enough): the warm-up's most recently used rows, and the export's live rows. Both skip expired rows; epochs are
/// the caller's to apply, since only it reads the entry.
/// </summary>
internal sealed partial class EntryStore
{
    /// <summary>Live rows, most recently used first (last hit, else creation): the order of <c>ix_entries_recency</c>, no sort.</summary>
    public IEnumerable<StoredBody> MostRecentlyUsed(CancellationToken cancellationToken)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT key, body FROM entries
            WHERE expires_at IS NULL OR expires_at > $now
            ORDER BY coalesce(last_hit_at, created_at) DESC
            """;
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var row in Stream(command, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Live rows created at or after <paramref name="since"/>, optionally of one model or namespace, oldest first.</summary>
    public IEnumerable<StoredBody> Live(string? model, string? ns, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, body FROM entries WHERE " + LiveFilter(model, ns) + " ORDER BY created_at, key";
        BindLive(command, model, ns, since);
        foreach (var row in Stream(command, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>How many rows <see cref="Live"/> gives for the same filter (the export's progress total).</summary>
    public long CountLive(string? model, string? ns, DateTimeOffset? since)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM entries WHERE " + LiveFilter(model, ns);
        BindLive(command, model, ns, since);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Whether a row of this key exists (an import's <c>--resume</c>).</summary>
    public bool Contains(string key)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM entries WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is not null;
    }

    private static string LiveFilter(string? model, string? ns) =>
        "(expires_at IS NULL OR expires_at > $now) AND created_at >= $since" + Filters(model, ns);

    private void BindLive(SqliteCommand command, string? model, string? ns, DateTimeOffset? since)
    {
        Bind(command, model, ns);
        command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
    }

    private static IEnumerable<StoredBody> Stream(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredBody(reader.GetString(0), (byte[])reader.GetValue(1));
        }
    }
}
