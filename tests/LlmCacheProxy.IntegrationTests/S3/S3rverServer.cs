using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>
/// A real S3-compatible server for one test: s3rver (pinned in tests/s3rver, installed by
/// scripts/test-setup.d/s3rver.sh) on a free loopback port, data in a temp folder, one bucket.
/// It can be stopped and started again on the same port and folder (outage tests).
/// If it cannot start the test fails: there is no skip.
/// </summary>
internal sealed partial class S3rverServer : IAsyncDisposable
{
    public const string Credential = "S3RVER";
    private readonly string _directory;
    private Process? _process;

    private S3rverServer(string bucket)
    {
        Bucket = bucket;
        _directory = Path.Combine(Path.GetTempPath(), "llmcache-s3rver", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public string Bucket { get; }

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<S3rverServer> StartAsync(string bucket = "llm-cache-test")
    {
        var server = new S3rverServer(bucket);
        await server.StartAsync(port: 0);
        return server;
    }

    /// <summary>Settings that point a proxy at this server (merged with <paramref name="extra"/>).</summary>
    public Dictionary<string, string?> ProxySettings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cache:S3:Enabled"] = "true",
            ["Cache:S3:ServiceUrl"] = ServiceUrl,
            ["Cache:S3:Region"] = "us-east-1",
            ["Cache:S3:Bucket"] = Bucket,
            ["Cache:S3:ForcePathStyle"] = "true",
            ["Cache:S3:AccessKey"] = Credential,
            ["Cache:S3:SecretKey"] = Credential,
            ["Cache:S3:InvalidationPollSeconds"] = "1",
            ["Cache:S3:BreakSeconds"] = "1",
            ["Cache:S3:ManifestIntervalSeconds"] = "0",
            ["Cache:S3:SweepIntervalSeconds"] = "0",
            // Instances sharing a bucket must derive the same passthrough partition, hence the same key.
            ["Cache:PartitionSecret"] = "s3-tests-shared-partition-secret",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An SDK client for the test's own checks (listing, planting objects).</summary>
    public IAmazonS3 CreateClient() => new AmazonS3Client(
        new BasicAWSCredentials(Credential, Credential),
        new AmazonS3Config { ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public async Task StopAsync()
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

    /// <summary>Starts again on the same port and folder: the objects stored before are still there.</summary>
    public Task RestartAsync() => StartAsync(Port);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task StartAsync(int port)
    {
        string script = Path.Combine(RepositoryRoot.Path, "tests", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed ({script} missing): run scripts/test-setup.d/s3rver.sh (scripts/test.sh does).");
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
        {
            info.ArgumentList.Add(argument);
        }

        // Without it, listings with continuation tokens fail on current Node versions (s3rver uses legacy ciphers).
        info.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("s3rver exited: " + errors));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await StopAsync();
            throw new InvalidOperationException("s3rver did not report listening within 60 s: " + errors);
        }
    }

    [GeneratedRegex(@"S3rver listening on .*:(\d+)")]
    private static partial Regex ListeningLine();
}
