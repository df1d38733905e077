using LlmCacheProxy.Caching;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OpenTelemetry;

namespace LlmCacheProxy.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The proxy's instruments, the standard ASP.NET Core, HttpClient and runtime instrumentation, a Prometheus
    /// scrape endpoint (on by default), and OTLP export of metrics, traces and logs when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces and logs are only collected when they are exported: a span
    /// per request that nobody reads would cost every hit.
    /// </summary>
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
        services.AddOptions<PrometheusOptions>().BindConfiguration(PrometheusOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrometheusOptions>, PrometheusOptionsValidator>();
        services.AddSingleton<CacheTelemetry>();
        services.AddSingleton<ICacheObserver, CacheTelemetryObserver>();
        services.AddSingleton<CacheGauges>();
        services.AddSingleton<TierDegradedGauge>();
        services.AddHostedService<TelemetryService>();

        var otlp = TelemetryOptions.From(builder.Configuration);
        bool export = otlp.Enabled && Uri.TryCreate(otlp.Endpoint, UriKind.Absolute, out _);
        var prometheus = builder.Configuration.GetSection(PrometheusOptions.SectionName).Get<PrometheusOptions>() ?? new PrometheusOptions();
        if (!export && !prometheus.Enabled)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(TelemetryResource.Configure)
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CacheTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (export)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(CacheDiagnostics.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                // Formatted messages only: no scopes (they carry request paths).
                .WithLogging(configureBuilder: null, configureOptions: logging =>
                {
                    logging.IncludeFormattedMessage = true;
                    logging.IncludeScopes = false;
                })
                // The SDK reads every other OTEL_* setting (protocol, headers, service name, intervals) itself.
                .UseOtlpExporter();
        }

        if (prometheus.Enabled && prometheus.Port > 0)
        {
            builder.WebHost.UseUrls([.. ListenUrls(builder.Configuration), MetricsUrl(builder.Configuration, prometheus.Port)]);
        }

        return builder;
    }

    /// <summary>Maps the scrape endpoint; with a port of its own, only requests to that port reach it.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        var prometheus = app.Services.GetRequiredService<IOptions<PrometheusOptions>>().Value;
        if (!prometheus.Enabled)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(prometheus.Path);
        if (prometheus.Port > 0)
        {
            endpoint.RequireHost($"*:{prometheus.Port}");
        }

        return app;
    }

    private static string[] ListenUrls(IConfiguration configuration) =>
        (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string MetricsUrl(IConfiguration configuration, int port)
    {
        string first = ListenUrls(configuration).FirstOrDefault() ?? "http://127.0.0.1";
        string host = Uri.TryCreate(first.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
            UriKind.Absolute, out var uri) ? uri.Host : "127.0.0.1";
        return $"http://{host}:{port}";
    }
}
