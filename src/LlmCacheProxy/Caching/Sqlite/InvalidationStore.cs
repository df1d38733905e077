using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// Persists invalidation epochs in the <c>invalidations</c> table: loads them at start and writes every
/// epoch that moves forward (set locally or merged from another instance) through the background writer.
/// </summary>
internal sealed class InvalidationStore
{
    public InvalidationStore(SqliteDatabase database, SqliteWriter writer, InvalidationEpochs epochs, TimeProvider time)
    {
        using (var connection = database.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT scope, before FROM invalidations";
            var loaded = new List<KeyValuePair<string, DateTimeOffset>>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                loaded.Add(new(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
            }

            epochs.Merge(loaded);
        }

        epochs.Changed += changed =>
        {
            foreach (var (scope, before) in changed)
            {
                writer.TryEnqueue(new UpsertEpoch(scope, before.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds()));
            }
        };
    }

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
