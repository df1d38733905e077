using LlmCacheProxy.Caching;
using LlmCacheProxy.Endpoints.Chat;
using LlmCacheProxy.Endpoints.Completions;
using LlmCacheProxy.Endpoints.Embeddings;
using LlmCacheProxy.Endpoints.Responses;
using LlmCacheProxy.Keys;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Endpoints;

internal static class EndpointsServiceCollectionExtensions
{
    /// <summary>The cacheable endpoints, one line each.</summary>
    public static IServiceCollection AddCacheableEndpoints(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ResponsesKeyBuilder(KeySettingsOf(sp)));
        services.AddSingleton(sp => new EmbeddingsKeyBuilder(KeySettingsOf(sp)));
        services.AddSingleton(sp => new CompletionsKeyBuilder(KeySettingsOf(sp)));

        services.AddSingleton<ICacheableEndpoint, ChatEndpoint>();
        services.AddSingleton<ICacheableEndpoint, ResponsesEndpoint>();
        services.AddSingleton<ICacheableEndpoint, EmbeddingsEndpoint>();
        services.AddSingleton<ICacheableEndpoint, CompletionsEndpoint>();
        services.AddSingleton<EndpointRegistry>();
        return services;
    }

    private static KeySettings KeySettingsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<CacheOptions>>().Value.ToKeySettings();
}
