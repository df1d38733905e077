using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>
/// A real Redis for one test: Debian's redis-server (installed by scripts/test-setup.d/redis.sh) on a free loopback
/// port, no persistence (<c>--save '' --appendonly no</c>). It can be killed (SIGKILL) and started again on the same
/// port (outage tests). If it cannot start the test fails: there is no skip.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;
    private ConnectionMultiplexer? _client;

    private RedisServer()
    {
        _directory = Path.Combine(Path.GetTempPath(), "llmcache-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await server.StartAsync(FreePort());
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between the probe and the start: try another.
            }
        }
    }

    /// <summary>Settings that put a proxy on this server (merged with <paramref name="extra"/>).</summary>
    public Dictionary<string, string?> ProxySettings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cache:Redis:Enabled"] = "true",
            ["Cache:Redis:Configuration"] = Configuration + ",connectTimeout=2000,connectRetry=1",
            ["Cache:Redis:BreakSeconds"] = "1",
            // Instances sharing Redis must derive the same passthrough partition, hence the same key.
            ["Cache:PartitionSecret"] = "redis-tests-shared-partition-secret",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The test's own client (inspecting and planting keys); connected on first use.</summary>
    public IDatabase Database()
    {
        _client ??= ConnectionMultiplexer.Connect(Configuration + ",abortConnect=false,allowAdmin=true");
        return _client.GetDatabase();
    }

    /// <summary>SIGKILL: the server vanishes mid-flight, as a crash or a network cut looks to its clients.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts again on the same port (empty: nothing was persisted).</summary>
    public Task RestartAsync() => StartAsync(Port);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task StartAsync(int port)
    {
        string binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run scripts/test-setup.d/redis.sh (scripts/test.sh does).");
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", _directory, "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
            "--enable-debug-command", "local", // DEBUG SLEEP: a server that hangs (slow-Redis tests)
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Port = port;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                _process = null;
                throw new InvalidOperationException($"redis-server exited on port {port}: {output}");
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        await KillAsync();
        throw new InvalidOperationException("redis-server did not listen within 30 s: " + output);
    }
}
