using System.Globalization;
using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure.Browser;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.DependencyInjection;
using static LlmCacheProxy.IntegrationTests.Analytics.AnalyticsFixture;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>
/// The dashboard in headless Chromium against a proxy with data: the numbers it shows are the endpoint's.
/// Saves artifacts/dashboard.png (the README's screenshot comes from this test).
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string[] Questions =
    [
        "What is our refund policy?", "Summarize the release notes", "Translate 'cache hit' into French",
        "List three uses of a reverse proxy", "Explain single flight",
    ];

    [Fact]
    public async Task Dashboard_WithData_ShowsTheEndpointsNumbers()
    {
        await using var ctx = await StartAsync();
        await MakeTrafficAsync(ctx);
        await ctx.Recorder().FlushAsync();
        var expected = await ctx.AnalyticsAsync("granularity=hour");
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = chromium.Page;

        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height = 1400, deviceScaleFactor = 1, mobile = false });
        string url = new Uri(ctx.Proxy.BaseAddress, "admin/dashboard").ToString();
        await page.SendAsync("Page.navigate", new { url });
        await page.WaitForAsync("document.body && document.body.dataset.state === 'token'", TimeSpan.FromSeconds(30));
        await page.EvaluateAsync($"sessionStorage.setItem('llmcache.adminToken', '{AdminToken}')");
        await page.SendAsync("Page.reload");
        await page.WaitForAsync("document.body && document.body.dataset.state === 'loaded'", TimeSpan.FromSeconds(30));
        var shown = await page.EvaluateAsync("""
            (() => {
              const kpi = (m) => { const v = document.querySelector(`[data-metric="${m}"] .value`); return { raw: v.dataset.value, text: v.textContent }; };
              return {
                requests: kpi('requests'), hits: kpi('hits'), cost: kpi('cost_saved'), upstream: kpi('upstream_cost'),
                hitRate: kpi('hit_rate'), tokens: kpi('tokens_saved'),
                hotKeys: [...document.querySelectorAll('#hotkeys tbody tr')].map(r => r.dataset.cacheId),
                models: [...document.querySelectorAll('#models tbody tr')].map(r => r.dataset.model),
                memoryTier: document.querySelector('#chart-tiers text[data-tier="memory"]').textContent,
                costBars: document.querySelectorAll('#chart-cost rect').length,
                localStorageKeys: localStorage.length,
              };
            })()
            """);
        await SaveScreenshotAsync(page);

        Assert.Equal(expected.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture), shown.GetProperty("requests").GetProperty("raw").GetString());
        Assert.Equal(expected.GetProperty("requests").GetInt64().ToString("N0", CultureInfo.InvariantCulture), shown.GetProperty("requests").GetProperty("text").GetString());
        Assert.Equal(expected.GetProperty("hits").GetProperty("total").GetInt64().ToString("N0", CultureInfo.InvariantCulture), shown.GetProperty("hits").GetProperty("text").GetString());
        Assert.Equal(expected.GetProperty("cost_saved").GetProperty("total").GetDecimal(), Decimal(shown.GetProperty("cost").GetProperty("raw")));
        Assert.StartsWith("$", shown.GetProperty("cost").GetProperty("text").GetString());
        Assert.Equal(expected.GetProperty("upstream_cost").GetDecimal(), Decimal(shown.GetProperty("upstream").GetProperty("raw")));
        Assert.Equal(expected.GetProperty("hit_rate").GetDouble(), double.Parse(shown.GetProperty("hitRate").GetProperty("raw").GetString()!, CultureInfo.InvariantCulture));
        var tokens = expected.GetProperty("tokens_saved");
        Assert.Equal((tokens.GetProperty("input").GetInt64() + tokens.GetProperty("output").GetInt64()).ToString(CultureInfo.InvariantCulture), shown.GetProperty("tokens").GetProperty("raw").GetString());
        Assert.Equal(expected.GetProperty("hot_keys").EnumerateArray().Select(k => k.GetProperty("cache_id").GetString()), shown.GetProperty("hotKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(expected.GetProperty("by_model").EnumerateArray().Select(m => m.GetProperty("model").GetString()), shown.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(expected.GetProperty("hits").GetProperty("memory").GetInt64().ToString("N0", CultureInfo.InvariantCulture), shown.GetProperty("memoryTier").GetString());
        Assert.True(shown.GetProperty("costBars").GetInt32() > 0);
        Assert.Equal(0, shown.GetProperty("localStorageKeys").GetInt32());
    }

    private static decimal Decimal(JsonElement value) => decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Real misses and hits through the proxy, then a week of history recorded with the same entries.</summary>
    private static async Task MakeTrafficAsync(ProxyTestContext ctx)
    {
        string[] models = ["gpt-4o-mini", "gpt-4.1-nano"];
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(250); // a believable upstream latency to save
        var entries = new List<CacheEntry>();
        var cache = ctx.Proxy.Services.GetRequiredService<TieredCache>();
        for (int q = 0; q < Questions.Length; q++)
        {
            string model = models[q % models.Length];
            var miss = await ctx.ChatAsync(model, Questions[q] + " [[words=120]]");
            for (int hit = 0; hit < Questions.Length - q; hit++)
            {
                await ctx.ChatAsync(model, Questions[q] + " [[words=120]]");
            }

            var found = await cache.GetAsync(miss.Key, minCreatedAt: null, CancellationToken.None);
            entries.Add(Assert.NotNull(found).Entry);
        }

        // History: more traffic by day than by night, and a hit rate that grows as the cache warms up.
        var recorder = ctx.Recorder();
        var random = new Random(6);
        var now = DateTimeOffset.UtcNow;
        for (int hoursAgo = 160; hoursAgo >= 1; hoursAgo--)
        {
            var at = now.AddHours(-hoursAgo);
            double daylight = 0.5 + (0.5 * Math.Sin((at.Hour - 6) / 24.0 * 2 * Math.PI));
            int requests = (int)(daylight * 9) + random.Next(0, 3);
            double hitChance = 0.35 + (0.5 * (160 - hoursAgo) / 160.0);
            for (int r = 0; r < requests; r++)
            {
                var entry = entries[random.Next(entries.Count)];
                bool hit = random.NextDouble() < hitChance;
                string? tier = hit ? (random.NextDouble() < 0.8 ? "memory" : "sqlite") : null;
                var elapsed = TimeSpan.FromMilliseconds(hit ? 2 : entry.LatencyMs);
                recorder.Record(new CacheAnswer(hit ? CacheOutcome.Hit : CacheOutcome.Miss, tier, entry.Model, "", entry.Route, "chat.completions", 200, entry, elapsed), at);
            }
        }
    }

    private static async Task SaveScreenshotAsync(DevToolsSession page)
    {
        int height = (await page.EvaluateAsync("document.documentElement.scrollHeight")).GetInt32();
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height, deviceScaleFactor = 1, mobile = false });
        byte[] png = await page.ScreenshotPngAsync();
        string artifacts = Path.Combine(RepositoryRoot.Path, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "dashboard.png"), png);
    }
}
