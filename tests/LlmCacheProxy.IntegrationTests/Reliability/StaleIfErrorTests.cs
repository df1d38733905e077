using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Reliability;

public sealed class StaleIfErrorTests
{
    private static Dictionary<string, string?> Settings(long staleSeconds) => new()
    {
        ["Cache:DefaultTtlSeconds"] = "1",
        ["Cache:StaleIfErrorSeconds"] = staleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Proxy:UpstreamTimeoutSeconds"] = "2",
    };

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task ExpiredEntry_UpstreamAnswersError_ServedStale(int status)
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings(600));
        string body = ChatRequests.Body("stale on error");
        var first = await ctx.Proxy.Http.SendAsync(body);
        string fresh = await first.Content.ReadAsStringAsync();
        await WaitForExpiryAsync(ctx, first.Header("X-Cache-Key")!);

        await using var failing = await FailingUpstream.StartAsync(status);
        await ctx.RestartProxyAsync(new Dictionary<string, string?>(Settings(600)) { ["Proxy:Upstream"] = failing.Address });
        var stale = await ctx.Proxy.Http.SendAsync(body);

        Assert.Equal(200, (int)stale.StatusCode);
        Assert.Equal("STALE", stale.Header("X-Cache"));
        Assert.Equal("110 - \"Response is Stale\"", stale.Header("Warning"));
        Assert.NotNull(stale.Header("Age"));
        Assert.Equal(fresh, await stale.Content.ReadAsStringAsync());
        Assert.True(failing.Calls >= 1);
    }

    [Fact]
    public async Task ExpiredEntry_UpstreamUnreachable_ServedStale()
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings(600));
        string body = ChatRequests.Body("stale on transport error");
        var first = await ctx.Proxy.Http.SendAsync(body);
        string fresh = await first.Content.ReadAsStringAsync();
        await WaitForExpiryAsync(ctx, first.Header("X-Cache-Key")!);

        ctx.Upstream.ResponseDelay = TimeSpan.FromSeconds(10); // past Proxy:UpstreamTimeoutSeconds = 2
        var stale = await ctx.Proxy.Http.SendAsync(body);

        Assert.Equal("STALE", stale.Header("X-Cache"));
        Assert.Equal(fresh, await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpiredEntry_StaleIfErrorOff_ErrorPassesThrough()
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings(0));
        string body = ChatRequests.Body("no stale by default");
        var first = await ctx.Proxy.Http.SendAsync(body);
        await WaitForExpiryAsync(ctx, first.Header("X-Cache-Key")!);

        await using var failing = await FailingUpstream.StartAsync(503);
        await ctx.RestartProxyAsync(new Dictionary<string, string?>(Settings(0)) { ["Proxy:Upstream"] = failing.Address });
        var response = await ctx.Proxy.Http.SendAsync(body);
        string text = await response.Content.ReadAsStringAsync();

        Assert.True(503 == (int)response.StatusCode,
            $"status {(int)response.StatusCode}, X-Cache {response.Header("X-Cache")}, failing upstream calls {failing.Calls}, body {text[..Math.Min(120, text.Length)]}");
        Assert.Equal("MISS", response.Header("X-Cache"));
    }

    [Fact]
    public async Task ExpiredEntry_UpstreamHealthy_FreshAnswerNotStale()
    {
        await using var ctx = await ProxyTestContext.StartAsync(Settings(600));
        string body = ChatRequests.Body("upstream fine");
        var first = await ctx.Proxy.Http.SendAsync(body);
        await WaitForExpiryAsync(ctx, first.Header("X-Cache-Key")!);

        var again = await ctx.Proxy.Http.SendAsync(body);

        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal("MISS", again.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
        Assert.Contains("chat.completion", await again.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Waits until the entry is stored, then until it has expired. The client has the whole answer before the
    /// proxy stores it, so checking only "not found" could pass before the store and let a still-fresh entry
    /// be written behind the test's back (served as a 200 HIT after the restart).
    /// </summary>
    private static async Task WaitForExpiryAsync(ProxyTestContext ctx, string key)
    {
        var patience = TimeSpan.FromSeconds(15);
        await using (var reader = new SqliteConnection($"Data Source={ctx.Directory.SqlitePath};Mode=ReadOnly;Pooling=False"))
        {
            await reader.OpenAsync();
            await using var stored = reader.CreateCommand();
            stored.CommandText = "SELECT count(*) FROM entries WHERE key = $key";
            stored.Parameters.AddWithValue("$key", key);
            await Poll.AssertEventuallyAsync(async () =>
            {
                await ctx.Proxy.FlushAsync();
                return (long)(await stored.ExecuteScalarAsync())! == 1;
            }, "the entry to be stored", patience);
        }

        var cache = ctx.Proxy.Services.GetRequiredService<TieredCache>();
        await Poll.AssertEventuallyAsync(async () => await cache.GetAsync(key, null, default) is null, "the entry to expire", patience);
    }

    /// <summary>An upstream that answers every request with one status.</summary>
    private sealed class FailingUpstream : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _calls;

        private FailingUpstream(int status)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.Run(async context =>
            {
                Interlocked.Increment(ref _calls);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}");
            });
        }

        public int Calls => Volatile.Read(ref _calls);

        public string Address => _app.Urls.First().TrimEnd('/') + "/";

        public static async Task<FailingUpstream> StartAsync(int status)
        {
            var upstream = new FailingUpstream(status);
            await upstream._app.StartAsync();
            return upstream;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
