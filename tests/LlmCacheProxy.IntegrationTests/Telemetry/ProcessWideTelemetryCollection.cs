namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// OpenTelemetry's MeterProvider listens to every meter named <c>LlmCacheProxy</c> in the process, and a proxy
/// that stops disposes its meter, which ends the shared metric streams. In production one proxy runs per process;
/// in the test run many do, so the OTLP tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
