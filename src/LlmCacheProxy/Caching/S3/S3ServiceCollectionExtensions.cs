using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.S3;

internal static class S3ServiceCollectionExtensions
{
    /// <summary>
    /// The S3 tier (after memory and SQLite, so it is looked up last), its outbox and background work.
    /// Options are validated even when S3 is off; nothing else is registered then.
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

        bool sqliteTierEnabled = configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>()?.Sqlite.Enabled ?? true;
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<S3Options>>().Value);
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<S3Options>()));
        services.AddSingleton(sp => new S3Layout(sp.GetRequiredService<S3Options>().Prefix));
        services.AddSingleton(sp => new S3Resilience(sp.GetRequiredService<S3Options>()));
        services.AddSingleton<S3Store>();
        services.AddSingleton<S3OutboxSignal>();
        services.AddSingleton<S3Outbox>();
        services.AddSingleton<ISqliteSchema, S3OutboxSchema>();
        services.AddSingleton<ISqliteEntryHook, S3OutboxHook>();
        services.AddSingleton(sp => new S3Tier(
            sp.GetRequiredService<S3Store>(), sp.GetRequiredService<S3Layout>(), sp.GetRequiredService<S3Resilience>(),
            sp.GetRequiredService<S3Outbox>(), sp.GetRequiredService<S3Options>(), sqliteTierEnabled, sp.GetRequiredService<ILogger<S3Tier>>()));
        services.AddSingleton<ICacheTier>(sp => sp.GetRequiredService<S3Tier>());
        services.AddSingleton<IReadinessCheck, S3Readiness>();
        services.AddSingleton<IOutboxDepth, S3OutboxDepth>();
        services.AddSingleton<IShutdownFlush, S3OutboxShutdownFlush>();
        services.AddSingleton<S3Uploader>();
        services.AddSingleton<S3InvalidationSync>();
        services.AddSingleton<S3ManifestWriter>();
        services.AddSingleton<S3Sweeper>();
        services.AddHostedService(sp =>
        {
            var s3 = sp.GetRequiredService<S3Options>();
            S3Log.Enabled(sp.GetRequiredService<ILogger<S3Uploader>>(), s3.Bucket, s3.Prefix, string.IsNullOrEmpty(s3.ServiceUrl) ? "AWS " + s3.Region : s3.ServiceUrl);
            return sp.GetRequiredService<S3Uploader>();
        });
        services.AddHostedService(sp => sp.GetRequiredService<S3InvalidationSync>());
        services.AddHostedService(sp => sp.GetRequiredService<S3ManifestWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<S3Sweeper>());
        return services;
    }
}
