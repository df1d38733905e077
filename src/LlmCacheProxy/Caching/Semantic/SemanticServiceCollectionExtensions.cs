using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Semantic;

internal static class SemanticServiceCollectionExtensions
{
    /// <summary>
    /// Options (validated at start), the index, the rejected pairs and the matcher; with
    /// <c>Embeddings=local</c> also the local model as <see cref="IEmbeddingSource"/>. The upstream
    /// source needs the request's credentials and is registered by the request path.
    /// </summary>
    public static IServiceCollection AddSemanticCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SemanticOptions>().BindConfiguration(SemanticOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SemanticOptions>, SemanticOptionsValidator>();
        services.AddSingleton(sp => new SemanticIndex(sp.GetRequiredService<IOptions<SemanticOptions>>().Value.MaxIndexBytes));
        services.AddSingleton(sp => new RejectedPairs(sp.GetRequiredService<IOptions<SemanticOptions>>().Value.MaxRejectedPairs));
        services.AddSingleton<SemanticMatcher>();

        var options = configuration.GetSection(SemanticOptions.SectionName).Get<SemanticOptions>() ?? new SemanticOptions();
        if (options.Enabled && options.Embeddings == EmbeddingsMode.Local)
        {
            services.AddSingleton<IEmbeddingSource>(sp => LocalEmbeddingsLoader.Load(
                LocalEmbeddingsLoader.ResolveFolder(sp.GetRequiredService<IOptions<SemanticOptions>>().Value.LocalEmbeddingsPath)));
        }

        return services;
    }
}
