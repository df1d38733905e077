namespace LlmCacheProxy.Telemetry;

/// <summary>
/// The standard OpenTelemetry settings, read from configuration under their environment variable names
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>), so they can come from the environment,
/// appsettings.json or the command line. Export is on only when an endpoint is set; every other OTEL_* variable
/// (service name, headers, export interval, per-signal endpoints) is read by the OpenTelemetry SDK itself.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string DefaultServiceName = "llm-cache-proxy";

    public string Endpoint { get; set; } = "";

    /// <summary><c>grpc</c> (the OpenTelemetry default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    public static TelemetryOptions From(IConfiguration configuration) => new()
    {
        Endpoint = configuration[EndpointKey] ?? "",
        Protocol = configuration[ProtocolKey] ?? "",
    };
}
