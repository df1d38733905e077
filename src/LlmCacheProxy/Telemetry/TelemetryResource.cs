using OpenTelemetry.Resources;

namespace LlmCacheProxy.Telemetry;

internal static class TelemetryResource
{
    /// <summary>
    /// service.name defaults to llm-cache-proxy; the environment detector comes last so that
    /// <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c> win over it.
    /// </summary>
    public static void Configure(ResourceBuilder resource) => resource
        .Clear()
        .AddService(TelemetryOptions.DefaultServiceName, serviceVersion: typeof(TelemetryResource).Assembly.GetName().Version?.ToString())
        .AddTelemetrySdk()
        .AddEnvironmentVariableDetector();
}
