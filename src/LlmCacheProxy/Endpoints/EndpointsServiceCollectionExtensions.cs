using LlmCacheProxy.Endpoints.Chat;

namespace LlmCacheProxy.Endpoints;

internal static class EndpointsServiceCollectionExtensions
{
    /// <summary>The cacheable endpoints, one line each.</summary>
    public static IServiceCollection AddCacheableEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<ICacheableEndpoint, ChatEndpoint>();
        services.AddSingleton<EndpointRegistry>();
        return services;
    }
}
