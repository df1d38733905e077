using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Redis;

internal static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// The Redis tier, its channel and the fleet single flight (connected, started and stopped by the lifecycle).
    /// Options are validated even when Redis is off; nothing else is registered then.
    /// </summary>
    public static IServiceCollection AddRedisTier(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        var options = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value);
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisLayout>();
        services.AddSingleton<RedisResilience>();
        services.AddSingleton<RedisWriter>();
        services.AddSingleton<RedisTier>();
        services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<RedisTier>());
        services.AddSingleton<RedisBackplane>();
        services.AddSingleton<IFleetFlight, RedisFleetFlight>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
