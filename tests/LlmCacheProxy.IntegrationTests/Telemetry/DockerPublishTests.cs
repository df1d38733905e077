using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.Reliability;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// No Docker engine here: the Dockerfile's build stage is replayed outside Docker. Its COPY lines copy the same files
/// (less what .dockerignore keeps out) into a temporary build folder, its RUN lines run there as written (only
/// <c>/app</c> becomes a temporary folder), and the output must hold one platform's native SQLite and serve.
/// </summary>
public sealed class DockerPublishTests
{
    private static readonly string[] BuildStage = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
        .SkipWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).Skip(1)
        .TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task DockerfileBuildStage_OutsideDocker_PublishesOnlyLinuxX64SqliteAndServesHealthz()
    {
        using var work = new TestDirectory();
        string source = Path.Combine(work.Path, "src");
        string app = Path.Combine(work.Path, "app");
        ReplayCopies(source);
        foreach (string run in BuildStage.Where(l => l.StartsWith("RUN ", StringComparison.Ordinal)))
        {
            await RunAsync(source, run["RUN ".Length..].Replace(" /app", " " + app, StringComparison.Ordinal));
        }

        var natives = Directory.GetFiles(app, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Contains("e_sqlite3", StringComparison.Ordinal) && !f.EndsWith(".dll", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(app, f)).ToArray();
        Assert.Equal(["libe_sqlite3.so"], natives);
        Assert.False(Directory.Exists(Path.Combine(app, "runtimes")), "no per-platform runtimes folder");
        Assert.True(File.Exists(Path.Combine(app, "config", "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(app, "config", "pricing.json")));

        await using var upstream = await FakeOpenAiServer.StartAsync();
        string dll = Path.Combine(app, "LlmCacheProxy.dll");
        await using var proxy = await ProxyProcess.StartAsync(upstream.BaseAddress, Path.Combine(work.Path, "data", "cache.db"),
            wrap: start => { start.ArgumentList[0] = dll; return start; });
        string port = proxy.Http.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, await HealthCheckAsync(dll, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{port}" }));
        Assert.Equal(1, await HealthCheckAsync(dll, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{ClosedPort()}" }));
    }

    /// <summary><c>COPY src... dest</c> relative to the build stage's WORKDIR, skipping bin/, obj/ and databases as .dockerignore does.</summary>
    private static void ReplayCopies(string workdir)
    {
        foreach (string line in BuildStage.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string destination = Path.Combine(workdir, parts[^1].TrimStart('.', '/'));
            foreach (string item in parts[1..^1])
            {
                string from = Path.Combine(RepositoryRoot.Path, item);
                if (File.Exists(from))
                {
                    Directory.CreateDirectory(destination);
                    File.Copy(from, Path.Combine(destination, Path.GetFileName(from)), overwrite: true);
                    continue;
                }

                foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(from, file);
                    var segments = relative.Split(Path.DirectorySeparatorChar);
                    if (segments.Any(s => s is "bin" or "obj") || file.EndsWith(".db", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string target = Path.Combine(destination, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target, overwrite: true);
                }
            }
        }
    }

    private static async Task RunAsync(string workdir, string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = workdir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{command} exited {process.ExitCode}:\n{await stdout}{await stderr}");
    }

    private static async Task<int> HealthCheckAsync(string dll, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, "--healthcheck"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("Urls");
        start.Environment.Remove("URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
