namespace LlmCacheProxy.Hosting;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// The lifecycle coordinator (the only hosted service of ours with background work: see <see cref="Lifecycle"/> for
    /// the order), the host's overall shutdown timeout, and the start-up summary in the log once the server listens.
    /// </summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ShutdownOptions.SectionName).Get<ShutdownOptions>() ?? new ShutdownOptions();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        services.AddHostedService<Lifecycle>();
        services.AddHostedService<StartupSummary>();
        return services;
    }
}
