using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Owns the OTLP meter and tracer providers (the mirror has no OpenTelemetry.Extensions.Hosting to do it).
/// Built at start-up only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; disposed with the container, after
/// every hosted service has stopped, so the last batch (the shutdown's own metrics included) is exported.
/// </summary>
internal sealed class TelemetryProviders : IDisposable
{
    /// <summary>Meters that ASP.NET Core, Kestrel and HttpClient (YARP's forwarder) publish natively in .NET 10.</summary>
    private static readonly string[] PlatformMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    private static readonly string[] PlatformSources = ["Microsoft.AspNetCore", "System.Net.Http"];

    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracer;

    public TelemetryProviders(IOptions<TelemetryOptions> options, IConfiguration configuration, ILogger<TelemetryProviders> logger)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // The SDK reads every OTEL_* setting from this IConfiguration: the app's, so that appsettings.json and
        // the command line work as well as environment variables (which it already includes).
        _meters = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(TelemetryResource.Configure)
            .AddMeter(CacheTelemetry.Name)
            .AddMeter(PlatformMeters)
            .AddOtlpExporter()
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(TelemetryResource.Configure)
            .AddSource(CacheTelemetry.Name)
            .AddSource(PlatformSources)
            .AddOtlpExporter()
            .Build();
        TelemetryLog.ExportEnabled(logger, options.Value.Endpoint, string.IsNullOrEmpty(options.Value.Protocol) ? "grpc" : options.Value.Protocol);
    }

    public bool Enabled => _meters is not null;

    public void Dispose()
    {
        // Dispose flushes: the periodic reader collects and exports once more, the batch processor drains.
        _tracer?.Dispose();
        _meters?.Dispose();
    }
}
