using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.Admin;

internal static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddSingleton<AdminAuthFilter>();
        services.AddSingleton<AdminQueryGuard>();
        services.AddSingleton<AdminQueryFilter>();
        AdminQueryRedactingServer.Decorate(services);
        services.AddProblemDetails();

        services.AddSingleton<EntryIndex>();
        services.AddSingleton<CacheInvalidator>();
        services.AddSingleton<CacheExplainer>();
        services.AddSingleton<CacheStatsObserver>();
        services.AddSingleton<ICacheObserver>(sp => sp.GetRequiredService<CacheStatsObserver>());
        services.AddSingleton<IAdminEndpoints, CacheAdminEndpoints>();
        services.AddSingleton<IAdminEndpoints, ExplainEndpoint>();
        services.AddSingleton<IAdminEndpoints, StatsEndpoint>();
        services.AddSingleton<CacheExporter>();
        services.AddSingleton<CacheImporter>();
        services.AddSingleton<IAdminEndpoints, ImportEndpoint>();
        return services;
    }
}
