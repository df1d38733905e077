using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Caching.Memory;
using LlmCacheProxy.Caching.Redis;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching;

internal static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The storage database, the enabled tiers (memory, SQLite, Redis, S3; their names give the lookup order), epochs, single
    /// flight and tier health. Registration order does not matter: the tiered cache orders tiers by name.
    /// </summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorage();
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName).ValidateOnStart();
        services.AddSingleton(sp => Options.Create(sp.GetRequiredService<IOptions<CacheOptions>>().Value.Sqlite));
        services.AddSingleton<IValidateOptions<CacheOptions>, CacheOptionsValidator>();
        services.AddEntryCodec();
        services.AddSingleton(sp => new ChatKeyBuilder(sp.GetRequiredService<IOptions<CacheOptions>>().Value.ToKeySettings()));
        services.AddSingleton<InvalidationEpochs>();
        services.AddSingleton<EpochPersistence>();
        services.AddSingleton<TieredCache>();
        services.AddSingleton<SingleFlight>();
        services.AddSingleton<TierHealth>();
        services.AddSingleton<CacheWarmup>();
        services.AddHealthChecks().AddCheck<TierHealth>(TierHealth.Name, tags: ["ready"]);

        var options = configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>() ?? new CacheOptions();
        if (options.Memory.Enabled)
        {
            services.AddSingleton<MemoryTier>();
            services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<MemoryTier>());
        }

        if (options.Sqlite.Enabled)
        {
            services.AddSingleton<SqliteTier>();
            services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<SqliteTier>());
        }

        services.AddRedisTier(configuration);
        services.AddS3Tier(configuration);
        return services;
    }
}
