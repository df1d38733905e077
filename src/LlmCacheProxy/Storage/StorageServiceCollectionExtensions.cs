using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmCacheProxy.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite database, its single writer, eviction and every store over its tables. The caller provides
    /// <c>IOptions&lt;SqliteOptions&gt;</c> (the cache options bind and validate them once, as <c>Cache:Sqlite</c>).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteEviction>();
        services.AddSingleton<SqliteWriter>();
        services.AddSingleton<EntryStore>();
        services.AddSingleton<EpochStore>();
        services.AddSingleton<UsageStore>();
        services.AddSingleton<OutboxStore>();
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>(SqliteHealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
