using LlmCacheProxy.Hosting;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// SQLite is an accelerator, not a dependency: when its file is gone, unreadable or refusing writes, requests
/// are still answered (memory tier and upstream), so the instance reports degraded (200), never down (503),
/// and load balancers keep sending it traffic.
/// </summary>
internal sealed class SqliteReadiness(SqliteDatabase database, SqliteWriter writer) : IReadinessCheck
{
    private static readonly TimeSpan RecentFailure = TimeSpan.FromSeconds(30);

    public string Name => "sqlite";

    public ReadinessStatus Check() =>
        File.Exists(database.Path) && database.IsHealthy() && !writer.FailedWithin(RecentFailure)
            ? ReadinessStatus.Ok
            : ReadinessStatus.Degraded;
}
