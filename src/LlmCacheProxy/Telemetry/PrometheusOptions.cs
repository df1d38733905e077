namespace LlmCacheProxy.Telemetry;

/// <summary>
/// Settings under <c>Telemetry:Prometheus</c>: the scrape endpoint in Prometheus text format. On by default at
/// <c>/metrics</c> on the proxy's own listener; with <see cref="Port"/> set it is served only on that port (bound on
/// the same host as the proxy's first URL), so operators can keep it off the public listener.
/// </summary>
internal sealed class PrometheusOptions
{
    public const string SectionName = "Telemetry:Prometheus";

    public bool Enabled { get; set; } = true;

    /// <summary>0 = the proxy's own listener; else a port of its own, the only one that answers the scrape path.</summary>
    public int Port { get; set; }

    public string Path { get; set; } = "/metrics";
}
