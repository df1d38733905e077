using LlmCacheProxy.Hosting;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// SQLite is an accelerator, not a dependency: when its file is gone, unreadable or refusing writes, requests
/// are still answered (memory tier and upstream), so the instance reports degraded (200), never down (503),
/// and load balancers keep sending it traffic. The probe opens the path afresh (not pooled, read-only): pooled
/// connections keep reading a deleted file's old inode, and a file recreated empty has no entries table.
/// </summary>
internal sealed class SqliteReadiness(SqliteDatabase database, SqliteWriter writer) : IReadinessCheck
{
    private static readonly TimeSpan RecentFailure = TimeSpan.FromSeconds(30);

    public string Name => "sqlite";

    public ReadinessStatus Check() =>
        FileAnswers() && !writer.FailedWithin(RecentFailure)
            ? ReadinessStatus.Ok
            : ReadinessStatus.Degraded;

    private bool FileAnswers()
    {
        if (!File.Exists(database.Path))
        {
            return false;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = database.Path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM entries LIMIT 1";
            command.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }
}
