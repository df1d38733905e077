using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// One write for the background writer. Runs on the writer's single connection inside a batch transaction;
/// must be idempotent enough to be retried alone if its batch fails.
/// </summary>
internal interface ISqliteWrite
{
    void Execute(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Called after the batch holding this write committed (or failed, with the error).</summary>
    void Completed(Exception? error)
    {
    }
}
