using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Admin;

/// <summary>Deletes every SQLite entry created at or before a time (after a clear) and re-reads the totals.</summary>
internal sealed class DeleteCreatedBefore(long beforeMs, SqliteDatabase database) : ISqliteWrite
{
    public void Execute(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM entries WHERE created_at < $before;
            SELECT count(*), coalesce(sum(size), 0) FROM entries;
            """;
        command.Parameters.AddWithValue("$before", beforeMs);
        using var reader = command.ExecuteReader();
        reader.Read();
        database.ResetTotals(reader.GetInt64(1), reader.GetInt64(0));
    }
}
