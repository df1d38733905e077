using LlmCacheProxy.Hosting;

namespace LlmCacheProxy.Caching.Sqlite;

internal sealed class SqliteReadiness(SqliteDatabase database) : IReadinessCheck
{
    public string Name => "sqlite";

    public ReadinessStatus Check() => database.IsHealthy() ? ReadinessStatus.Ok : ReadinessStatus.Down;
}
