using LlmCacheProxy.Telemetry;
using Microsoft.Extensions.Configuration;

namespace LlmCacheProxy.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private static TelemetryOptions Read(params (string Key, string Value)[] settings) => TelemetryOptions.From(
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void Validate_NoEndpoint_IsValidAndExportIsOff()
    {
        var options = Read();

        var result = new TelemetryOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.False(options.Enabled);
    }

    [Fact]
    public void Validate_HttpEndpointAndKnownProtocol_IsValidAndExportIsOn()
    {
        var options = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));

        Assert.True(new TelemetryOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.Enabled);
    }

    [Fact]
    public void Validate_BadEndpointAndProtocol_ListsBothErrors()
    {
        var options = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"));

        var result = new TelemetryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }
}
