using FakeUpstream;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>After a restart the warm-up has put the most recently used entries back in memory, within its bounds.</summary>
public sealed class WarmRestartTests
{
    [Fact]
    public async Task Restart_HottestEntry_IsAMemoryHitAndColderOnesComeFromSqlite()
    {
        // One clock across both runs, so "most recently used" does not depend on how fast the requests ran.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Cache:Warmup:MaxEntries"] = "1" };
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        await using (var first = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath, settings, clock))
        {
            foreach (string question in new[] { "hot question", "cold question", "newest question" })
            {
                (await first.Http.SendAsync(ChatRequests.Body(question))).Dispose();
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            // A hit after the newest store makes the first entry the most recently used.
            using var hit = await first.Http.SendAsync(ChatRequests.Body("hot question"));
            Assert.Equal("HIT", hit.Header("X-Cache"));
            await first.FlushAsync();
        }

        await using var second = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath, settings, clock);
        var warmup = second.Services.GetRequiredService<CacheWarmup>();
        await warmup.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        using var hot = await second.Http.SendAsync(ChatRequests.Body("hot question"));
        using var newest = await second.Http.SendAsync(ChatRequests.Body("newest question"));

        Assert.Equal(1, warmup.Warmed);
        Assert.Equal(("HIT", "memory"), (hot.Header("X-Cache"), hot.Header("X-Cache-Tier")));
        Assert.Equal(("HIT", "sqlite"), (newest.Header("X-Cache"), newest.Header("X-Cache-Tier")));
        Assert.Equal(3, upstream.ChatCalls);
    }

    [Fact]
    public async Task WarmupDisabled_Restart_EntriesComeFromSqlite()
    {
        var settings = new Dictionary<string, string?> { ["Cache:Warmup:Enabled"] = "false" };
        await using var ctx = await ProxyTestContext.StartAsync(settings);
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("not warmed"))).Dispose();

        await ctx.RestartProxyAsync(settings);
        await ctx.Proxy.Services.GetRequiredService<CacheWarmup>().Completion;
        using var again = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("not warmed"));

        Assert.Equal(("HIT", "sqlite"), (again.Header("X-Cache"), again.Header("X-Cache-Tier")));
    }
}
