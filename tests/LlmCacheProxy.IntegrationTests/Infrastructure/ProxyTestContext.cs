using FakeUpstream;

namespace LlmCacheProxy.IntegrationTests.Infrastructure;

/// <summary>Per test: a fake OpenAI upstream, a temp folder, and a proxy in front of the upstream.</summary>
internal sealed class ProxyTestContext : IAsyncDisposable
{
    private ProxyTestContext(FakeOpenAiServer upstream, TestDirectory directory)
    {
        Upstream = upstream;
        Directory = directory;
    }

    public FakeOpenAiServer Upstream { get; }

    public TestDirectory Directory { get; }

    public ProxyInstance Proxy { get; private set; } = null!;

    public static async Task<ProxyTestContext> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var upstream = await FakeOpenAiServer.StartAsync();
        var context = new ProxyTestContext(upstream, new TestDirectory());
        context.Proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, context.Directory.SqlitePath, settings, time);
        return context;
    }

    /// <summary>
    /// Settings for a restart whose test names the tier a stored entry comes back from: without the start-up warm-up,
    /// which would otherwise race the first request and serve it from memory.
    /// </summary>
    public static Dictionary<string, string?> WithoutWarmup(IDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>()) { ["Cache:Warmup:Enabled"] = "false" };

    /// <summary>Stops the proxy (flushing its writer) and starts a new one on the same SQLite file.</summary>
    public async Task RestartProxyAsync(IDictionary<string, string?>? settings = null)
    {
        await Proxy.DisposeAsync();
        Proxy = await ProxyInstance.StartAsync(Upstream.BaseAddress, Directory.SqlitePath, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Dispose();
    }
}
