namespace LlmCacheProxy.Hosting;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Graceful shutdown (the host's overall timeout, the flush hooks) and the start-up summary in the log. Call right after AddCaching so that the
    /// flush service stops before the SQLite writer (see <see cref="ShutdownOrder"/>).
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ShutdownOptions.SectionName).Get<ShutdownOptions>() ?? new ShutdownOptions();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        services.AddHostedService<ShutdownFlushService>();
        services.AddHostedService<StartupSummary>();
        return services;
    }
}
