using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>The <c>invalidations</c> table: every epoch read at start, each one that moves forward written back.</summary>
internal sealed class EpochStore(SqliteDatabase database, SqliteWriter writer, TimeProvider time)
{
    public SqliteDatabase Database => database;

    public IReadOnlyList<KeyValuePair<string, DateTimeOffset>> LoadAll()
    {
        if (!database.IsAvailable)
        {
            return [];
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT scope, before FROM invalidations";
        var loaded = new List<KeyValuePair<string, DateTimeOffset>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            loaded.Add(new(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }

        return loaded;
    }

    /// <summary>Queues the epoch; the stored one only ever moves forward.</summary>
    public void Save(string scope, DateTimeOffset before) =>
        writer.TryEnqueue(new UpsertEpoch(scope, before.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds()));

    private sealed class UpsertEpoch(string scope, long before, long now) : ISqliteWrite
    {
        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO invalidations (scope, before, updated_at) VALUES ($scope, $before, $now)
                ON CONFLICT (scope) DO UPDATE SET before = max(before, excluded.before), updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$before", before);
            command.Parameters.AddWithValue("$now", now);
            command.ExecuteNonQuery();
        }
    }
}
