using LlmCacheProxy.Caching.Memory;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.Hosting;
using LlmCacheProxy.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching;

internal static class CachingServiceCollectionExtensions
{
    /// <summary>Keys, tiers (memory, then SQLite) and invalidation epochs. Tier order = lookup order.</summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>, CacheOptionsValidator>();
        services.AddSingleton(sp => new ChatKeyBuilder(sp.GetRequiredService<IOptions<CacheOptions>>().Value.ToKeySettings()));
        services.AddSingleton<InvalidationEpochs>();
        services.AddSingleton<TieredCache>();

        var options = configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>() ?? new CacheOptions();
        if (options.Memory.Enabled)
        {
            services.AddSingleton<MemoryTier>();
            services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<MemoryTier>());
        }

        services.AddSingleton<ISqliteSchema, EntriesSchema>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteEviction>();
        services.AddSingleton<SqliteWriter>();
        services.AddSingleton<SqliteTier>();
        services.AddSingleton<InvalidationStore>();
        services.AddSingleton<IReadinessCheck, SqliteReadiness>();
        services.AddHostedService(sp =>
        {
            // Open the database and load the epochs before the first request, so a bad path stops start-up.
            sp.GetRequiredService<InvalidationStore>();
            return sp.GetRequiredService<SqliteWriter>();
        });
        if (options.Sqlite.Enabled)
        {
            services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<SqliteTier>());
        }

        services.AddS3Tier(configuration);
        return services;
    }
}
