using LlmCacheProxy.Admin;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Analytics;

internal static class AnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// The usage recorder (an <see cref="ICacheObserver"/> flushing to <c>usage_hourly</c>), the analytics query and
    /// endpoint, and the snapshot loop for <see cref="IStatisticsPublisher"/>s. Call after AddCaching: the recorder
    /// must stop before the SQLite writer so its last counts are committed.
    /// </summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetSection(S3Options.SectionName).Get<S3Options>() is { Enabled: true })
        {
            services.AddSingleton<IStatisticsPublisher, S3StatisticsPublisher>();
        }

        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>();
        services.AddSingleton<ISqliteSchema, UsageSchema>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<ICacheObserver>(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddSingleton<AnalyticsQuery>();
        services.AddSingleton<IAdminEndpoints, AnalyticsEndpoints>();
        services.AddHostedService<StatisticsSnapshotService>();
        return services;
    }
}
