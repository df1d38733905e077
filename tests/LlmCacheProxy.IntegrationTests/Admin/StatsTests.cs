using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>GET /admin/stats: outcomes since start and what each tier holds.</summary>
public sealed class StatsTests
{
    [Fact]
    public async Task Stats_CountsHitsPerTierMissesBypassesAndTierSizes()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string body = ChatRequests.Body("count me");
        (await ctx.Proxy.Http.SendAsync(body)).Dispose();
        (await ctx.Proxy.Http.SendAsync(body)).Dispose();
        (await ctx.Proxy.Http.SendAsync(body)).Dispose();
        (await ctx.Proxy.Http.SendAsync(body, apiKey: null)).Dispose();
        await ctx.Proxy.FlushAsync();

        var (_, stats) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats");

        Assert.Equal(2, stats.GetProperty("hits").GetProperty("memory").GetInt64());
        Assert.Equal(2, stats.GetProperty("hits_total").GetInt64());
        Assert.Equal(1, stats.GetProperty("misses").GetInt64());
        Assert.Equal(1, stats.GetProperty("bypasses").GetInt64());
        var tiers = stats.GetProperty("tiers");
        Assert.Equal(1, tiers.GetProperty("memory").GetProperty("entries").GetInt64());
        Assert.True(tiers.GetProperty("memory").GetProperty("bytes").GetInt64() > 0);
        Assert.Equal(1, tiers.GetProperty("sqlite").GetProperty("entries").GetInt64());
        Assert.True(tiers.GetProperty("sqlite").GetProperty("bytes").GetInt64() > 0);
        Assert.Equal(0, tiers.GetProperty("sqlite").GetProperty("evictions").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stats.GetProperty("outbox_depth").ValueKind);
    }

    [Fact]
    public async Task Stats_AfterRestart_CountsSqliteHits()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string body = ChatRequests.Body("count me later");
        (await ctx.Proxy.Http.SendAsync(body)).Dispose();
        await ctx.RestartProxyAsync(ProxyTestContext.WithoutWarmup(AdminApi.Settings()));
        (await ctx.Proxy.Http.SendAsync(body)).Dispose();

        var (_, stats) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats");

        Assert.Equal(1, stats.GetProperty("hits").GetProperty("sqlite").GetInt64());
        Assert.Equal(0, stats.GetProperty("misses").GetInt64());
    }
}
