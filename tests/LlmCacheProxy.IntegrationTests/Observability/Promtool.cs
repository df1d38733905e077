using System.Diagnostics;

namespace LlmCacheProxy.IntegrationTests.Observability;

/// <summary>Debian's promtool (scripts/test-setup.d/promtool.sh installs it). Missing promtool fails the test.</summary>
internal static class Promtool
{
    private static readonly string[] Candidates = ["/usr/bin/promtool", "/usr/local/bin/promtool"];

    /// <summary>Runs promtool in <paramref name="workingDirectory"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        string? path = Candidates.FirstOrDefault(File.Exists);
        Assert.True(path is not null, "promtool is missing: run scripts/test-setup.d/promtool.sh (apt-get install prometheus).");
        var start = new ProcessStartInfo(path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
