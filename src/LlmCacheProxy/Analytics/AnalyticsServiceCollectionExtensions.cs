using LlmCacheProxy.Admin;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Analytics;

internal static class AnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// The usage recorder (an <see cref="ICacheObserver"/> flushing to <c>usage_hourly</c>), the analytics query and
    /// endpoint, and, with S3 on, the statistics snapshot. Their background loops belong to the lifecycle.
    /// </summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<ICacheObserver>(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddSingleton<AnalyticsQuery>();
        services.AddSingleton<IAdminEndpoints, AnalyticsEndpoints>();
        if (configuration.GetSection(S3Options.SectionName).Get<S3Options>() is { Enabled: true })
        {
            services.AddSingleton<StatisticsSnapshotService>();
        }

        return services;
    }
}
