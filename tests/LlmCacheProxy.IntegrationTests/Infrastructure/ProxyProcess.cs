using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Text;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>
/// The built proxy binary run as a child process (so it can be killed with SIGKILL), configured through its
/// environment as an operator would. Output is drained in the background and kept for failure messages.
/// </summary>
internal sealed class ProxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProxyProcess(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string DllPath => Path.Combine(RepositoryRoot.Path, "src", "LlmCacheProxy", "bin", RepositoryRoot.Configuration, "net10.0", "LlmCacheProxy.dll");

    /// <summary>Starts the proxy on a free loopback port and waits (up to 90 s) until /readyz answers.</summary>
    public static async Task<ProxyProcess> StartAsync(Uri upstream, string sqlitePath, IDictionary<string, string>? settings = null, Func<ProcessStartInfo, ProcessStartInfo>? wrap = null)
    {
        Assert.True(File.Exists(DllPath), DllPath);
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet", [DllPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Proxy__Upstream"] = upstream.ToString();
        start.Environment["Cache__Sqlite__Path"] = sqlitePath;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var proxy = new ProxyProcess(Process.Start(wrap is null ? start : wrap(start))!, port);
        await Poll.AssertEventuallyAsync(async () =>
        {
            Assert.False(proxy._process.HasExited, "proxy exited at start:\n" + proxy.Output);
            try
            {
                using var ready = await proxy.Http.GetAsync("/readyz");
                return ready.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the proxy to answer /readyz:\n" + proxy.Output, TimeSpan.FromSeconds(90));
        return proxy;
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no writer drain.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
