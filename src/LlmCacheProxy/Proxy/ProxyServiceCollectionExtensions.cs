using LlmCacheProxy.Caching.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

internal static class ProxyServiceCollectionExtensions
{
    /// <summary>YARP with our routes, and the cache step with what it needs.</summary>
    public static IServiceCollection AddCacheProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddReverseProxy().AddProxyRoutes(configuration).AddUpstreamCredentials(configuration);
        services.AddSingleton<SingleFlight>();
        services.AddSingleton<PartitionResolver>();
        services.AddSingleton<EntryFactory>();
        services.AddSingleton<CacheStep>();
        services.AddSingleton<ICacheObserver>(sp => new SqliteHitRecorder(sp.GetRequiredService<SqliteTier>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
