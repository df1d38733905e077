using System.Diagnostics;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>Runs the built proxy as a process, as an operator would, with bad settings in its environment.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Startup_BadConfiguration_ExitsNonZeroListingEveryError()
    {
        string dll = Path.Combine(RepositoryRoot.Path, "src", "LlmCacheProxy", "bin", RepositoryRoot.Configuration, "net10.0", "LlmCacheProxy.dll");
        Assert.True(File.Exists(dll), dll);
        string data = Path.Combine(Path.GetTempPath(), "llmcache-tests", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Proxy__Upstream"] = "notaurl";
        start.Environment["Cache__DefaultTtlSeconds"] = "-1";
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "carrier-pigeon";
        start.Environment["Cache__Sqlite__Path"] = Path.Combine(data, "cache.db");
        start.Environment["Urls"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout + await stderr;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Proxy:Upstream must be an absolute http(s) URL (got 'notaurl')", output);
        Assert.Contains("Cache:DefaultTtlSeconds must be 0", output);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL must be 'grpc' or 'http/protobuf'", output);
        Assert.DoesNotContain("   at ", output); // a list of errors, not a stack trace
    }
}
