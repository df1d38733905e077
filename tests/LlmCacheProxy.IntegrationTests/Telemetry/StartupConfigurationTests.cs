using System.Net;
using System.Net.Sockets;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>Runs the built proxy as a process, as an operator would, with bad settings in its environment.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Startup_BadConfiguration_ExitsTwoListingEveryError()
    {
        var (exitCode, output) = await ProxyBinary.RunToExitAsync(new Dictionary<string, string>
        {
            ["Proxy__Upstream"] = "notaurl",
            ["Cache__DefaultTtlSeconds"] = "-1",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "carrier-pigeon",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Proxy:Upstream must be an absolute http(s) URL (got 'notaurl')", output);
        Assert.Contains("Cache:DefaultTtlSeconds must be 0", output);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL must be 'grpc' or 'http/protobuf'", output);
        Assert.DoesNotContain("   at ", output); // a list of errors, not a stack trace
    }

    [Fact]
    public async Task Startup_TypedSettingsThatDoNotParse_OneLineEachNamingSettingValueAndWhatIsAccepted()
    {
        var (exitCode, output) = await ProxyBinary.RunToExitAsync(new Dictionary<string, string>
        {
            ["Cache__Normalization"] = "Fuzzy",
            ["Cache__Sqlite__MaxBytes"] = "lots",
        });

        Assert.Equal(2, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("- Cache:Normalization must be one of Exact, Trim, Loose (got 'Fuzzy').", lines);
        Assert.Contains("- Cache:Sqlite:MaxBytes must be a whole number (-9223372036854775808 to 9223372036854775807) (got 'lots').", lines);
        Assert.Contains("LlmCacheProxy did not start: 2 configuration error(s).", lines);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public async Task Startup_PortAlreadyInUse_OneLineNamingTheAddressAndExitTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        string address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var (exitCode, output) = await ProxyBinary.RunToExitAsync(new Dictionary<string, string>
        {
            ["Urls"] = address,
            ["Logging__LogLevel__Default"] = "Warning",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"LlmCacheProxy did not start: {address} is already in use by another process. Stop that process, or listen elsewhere: " +
            "Urls=http://127.0.0.1:8081 (or ASPNETCORE_URLS; Telemetry:Prometheus:Port for a metrics port).",
            output.Trim());
    }
}
