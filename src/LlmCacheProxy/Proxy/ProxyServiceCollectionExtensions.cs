using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

internal static class ProxyServiceCollectionExtensions
{
    /// <summary>YARP with our routes, the cacheable endpoints, and the cache step with what it needs.</summary>
    public static IServiceCollection AddCacheProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ModelLabelOptions>().BindConfiguration(ModelLabelOptions.SectionName)
            .Configure<IOptions<CacheOptions>>((labels, cache) => labels.MaxModelNameLength = cache.Value.MaxModelLength)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelLabelOptions>, ModelLabelOptionsValidator>();
        services.AddReverseProxy().AddProxyRoutes(configuration).AddUpstreamCredentials(configuration);
        services.AddCacheableEndpoints();
        services.AddSingleton<PartitionResolver>();
        services.AddSingleton<ClientKeys>();
        services.AddSingleton<CachePolicy>();
        services.AddSingleton<RequestScopes>();
        services.AddSingleton<EntryFactory>();
        services.AddSingleton<CacheStep>();
        return services;
    }
}
