using System.Diagnostics;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>The built proxy run as a process that is expected to exit (bad settings, a taken port), as an operator runs it.</summary>
internal static class ProxyBinary
{
    public static string DllPath =>
        Path.Combine(RepositoryRoot.Path, "src", "LlmCacheProxy", "bin", RepositoryRoot.Configuration, "net10.0", "LlmCacheProxy.dll");

    /// <summary>Runs <c>dotnet LlmCacheProxy.dll</c> with <paramref name="environment"/>; returns its exit code and stdout + stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string> environment, string? dll = null)
    {
        dll ??= DllPath;
        Assert.True(File.Exists(dll), dll);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Cache__Sqlite__Path"] = Path.Combine(Path.GetTempPath(), "llmcache-tests", Guid.NewGuid().ToString("N"), "cache.db");
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

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
            Assert.Fail("the proxy did not exit within 90 s:\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
