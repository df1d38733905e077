using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>Fixed SQL with its parameters, run in the writer's batch transaction (several statements run in order).</summary>
internal sealed class SqlStatement(string sql, params (string Name, object Value)[] parameters) : ISqliteWrite
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
