using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.S3;

internal static class S3ServiceCollectionExtensions
{
    /// <summary>
    /// The S3 tier and its background work (uploader, invalidation sync, manifest, sweeper; started and stopped by the
    /// lifecycle). Options are validated even when S3 is off; nothing else is registered then. The outbox lives in the
    /// storage database whether or not the SQLite tier keeps entries.
    /// </summary>
    public static IServiceCollection AddS3Tier(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<S3Options>().BindConfiguration(S3Options.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3Options>, S3OptionsValidator>();
        var options = configuration.GetSection(S3Options.SectionName).Get<S3Options>() ?? new S3Options();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<S3Options>>().Value);
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<S3Options>()));
        services.AddSingleton(sp => new S3Layout(sp.GetRequiredService<S3Options>().Prefix));
        services.AddSingleton(sp => new S3Resilience(sp.GetRequiredService<S3Options>()));
        services.AddSingleton<S3Store>();
        services.AddSingleton<S3OutboxSignal>();
        services.AddSingleton<S3Tier>();
        services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<S3Tier>());
        services.AddSingleton<S3Uploader>();
        services.AddSingleton<S3InvalidationSync>();
        services.AddSingleton<S3ManifestWriter>();
        services.AddSingleton<S3Sweeper>();
        services.AddHealthChecks().AddCheck<S3HealthCheck>(S3HealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
