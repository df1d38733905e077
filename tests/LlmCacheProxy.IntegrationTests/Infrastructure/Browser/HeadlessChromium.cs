using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmCacheProxy.IntegrationTests.Infrastructure.Browser;

/// <summary>
/// Debian's Chromium, headless, in a fresh profile, driven over the DevTools protocol (no browser download,
/// no extra packages). Missing Chromium is a failure, not a skip: scripts/test-setup.d/chromium.sh installs it.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, DevToolsSession page)
    {
        _process = process;
        _profile = profile;
        Page = page;
    }

    public DevToolsSession Page { get; }

    public static async Task<HeadlessChromium> StartAsync()
    {
        Assert.True(File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: run scripts/test-setup.d/chromium.sh (apt-get install chromium). The dashboard test needs a real browser.");
        string profile = Path.Combine(Path.GetTempPath(), "llmcache-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1400",
            $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            int port = await ReadPortAsync(profile, process);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            string? pageUrl = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); pageUrl is null && DateTime.UtcNow < deadline;)
            {
                var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/json/list");
                pageUrl = targets.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "page")
                    .Select(t => t.GetProperty("webSocketDebuggerUrl").GetString()).FirstOrDefault();
                if (pageUrl is null)
                {
                    await Task.Delay(100);
                }
            }

            Assert.NotNull(pageUrl);
            var session = await DevToolsSession.ConnectAsync(new Uri(pageUrl));
            return new HeadlessChromium(process, profile, session);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Chromium writes the port it chose into DevToolsActivePort in the profile folder.</summary>
    private static async Task<int> ReadPortAsync(string profile, Process process)
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            Assert.False(process.HasExited, $"Chromium exited with code {(process.HasExited ? process.ExitCode : 0)} before opening DevTools.");
            if (File.Exists(file))
            {
                string[] lines = await File.ReadAllLinesAsync(file);
                if (lines.Length > 0 && int.TryParse(lines[0], out int port) && port > 0)
                {
                    return port;
                }
            }
        }

        throw new TimeoutException("Chromium did not open its DevTools port within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
