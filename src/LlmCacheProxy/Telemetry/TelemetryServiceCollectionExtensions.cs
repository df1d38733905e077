using LlmCacheProxy.Caching;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;

namespace LlmCacheProxy.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>Instruments always (they cost nothing unobserved); OTLP export of metrics, traces and logs when an endpoint is set.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var read = TelemetryOptions.From(configuration);
                options.Endpoint = read.Endpoint;
                options.Protocol = read.Protocol;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<CacheTelemetry>();
        services.AddSingleton<ICacheTierInstrumentation, TierInstrumentation>();
        services.AddSingleton<ICacheObserver, CacheTelemetryObserver>();
        services.AddSingleton<CacheGauges>();
        services.AddSingleton<TelemetryProviders>();
        services.AddHostedService<TelemetryService>();

        var options = TelemetryOptions.From(builder.Configuration);
        if (options.Enabled && Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _))
        {
            // Logs go through the host's logging pipeline, so the exporter reads the host's configuration and is
            // flushed when the host's container is disposed. Formatted messages only: no scopes (they carry paths).
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = false;
            });
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging
                .ConfigureResource(TelemetryResource.Configure)
                .AddOtlpExporter());
        }

        return builder;
    }
}
