using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCacheProxy.Storage;

/// <summary>
/// SQLite is an accelerator, not a dependency: when its file is gone, unreadable or refusing writes, requests are
/// still answered (memory tier and upstream), so the instance reports degraded (200), never unhealthy (503), and
/// load balancers keep sending it traffic. The probe opens the path afresh (not pooled, read-only): pooled
/// connections keep reading a deleted file's old inode, and a file recreated empty has no entries table.
/// </summary>
internal sealed class SqliteHealthCheck(SqliteDatabase database, SqliteWriter writer) : IHealthCheck
{
    public const string Name = "sqlite";
    private static readonly TimeSpan RecentFailure = TimeSpan.FromSeconds(30);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["pending_writes"] = writer.Pending,
            ["failed_writes"] = writer.Failed,
            ["discarded_writes"] = writer.Discarded,
        };
        if (!database.IsAvailable)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"SQLite is off ({database.UnavailableReason ?? "not opened"}): answers come from memory and upstream; its writes are dropped.", data: data));
        }

        if (!FileAnswers())
        {
            return Task.FromResult(HealthCheckResult.Degraded("The SQLite file is missing or unreadable; answers come from memory and upstream.", data: data));
        }

        return Task.FromResult(writer.FailedWithin(RecentFailure)
            ? HealthCheckResult.Degraded("SQLite writes failed in the last 30 s (disk full or read-only?); stores are being dropped.", data: data)
            : HealthCheckResult.Healthy("SQLite answers reads and takes writes.", data));
    }

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
