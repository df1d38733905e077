namespace LlmCacheProxy.Admin;

internal static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddSingleton<AdminAuthFilter>();
        services.AddProblemDetails();
        return services;
    }
}
