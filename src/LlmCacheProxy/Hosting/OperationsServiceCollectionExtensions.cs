namespace LlmCacheProxy.Hosting;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The lifecycle coordinator (the only hosted service of ours: see <see cref="Lifecycle"/> for the order) and the
    /// host's overall shutdown timeout.
    /// </summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ShutdownOptions.SectionName).Get<ShutdownOptions>() ?? new ShutdownOptions();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        services.AddHostedService<Lifecycle>();
        return services;
    }
}
