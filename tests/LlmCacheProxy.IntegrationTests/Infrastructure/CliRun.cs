using System.Diagnostics;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>A CLI verb of the built proxy binary (see <see cref="ProxyProcess.DllPath"/>), run to its end with the operator's environment.</summary>
internal static class CliRun
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
    }

    public static async Task<Result> RunAsync(string sqlitePath, IDictionary<string, string>? environment, params string[] args)
    {
        Assert.True(File.Exists(ProxyProcess.DllPath), ProxyProcess.DllPath);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ProxyProcess.DllPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Cache__Sqlite__Path"] = sqlitePath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }
}
