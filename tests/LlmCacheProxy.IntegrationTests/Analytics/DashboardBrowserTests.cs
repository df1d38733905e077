using System.Globalization;
using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static LlmCacheProxy.IntegrationTests.Analytics.AnalyticsFixture;
using static LlmCacheProxy.IntegrationTests.Analytics.DashboardFormat;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>
/// The dashboard in Debian's headless Chromium (Playwright) against a proxy with data: every number it shows is the
/// endpoint's. Saves artifacts/dashboard.png (the README's screenshot, docs/dashboard.png, comes from this test).
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string[] Questions =
    [
        "What is our refund policy?", "Summarize the release notes", "Translate 'cache hit' into French",
        "List three uses of a reverse proxy", "Explain single flight",
    ];

    /// <summary>Everything the page renders from the analytics answer, as text, plus the KPIs' raw values.</summary>
    private const string ReadPage = """
        (() => {
          const kpi = (m) => { const v = document.querySelector(`[data-metric="${m}"] .value`); return { raw: v.dataset.value, text: v.textContent }; };
          const text = (id) => document.getElementById(id).textContent;
          const rows = (id) => [...document.querySelectorAll(`#${id} tbody tr`)].map(r => [...r.cells].map(c => c.textContent));
          const titles = (sel) => [...document.querySelectorAll(sel)].map(t => t.textContent.split(": ").pop());
          return {
            requests: kpi('requests'), hits: kpi('hits'), cost: kpi('cost_saved'), upstream: kpi('upstream_cost'),
            hitRate: kpi('hit_rate'), tokens: kpi('tokens_saved'), latency: kpi('latency_saved'),
            costSub: text('cost-sub'), requestsSub: text('requests-sub'), missesSub: text('misses-sub'),
            latencySub: text('latency-sub'), tokensSub: text('tokens-sub'), cold: text('cold'),
            tiers: Object.fromEntries([...document.querySelectorAll('#chart-tiers text[data-tier]')].map(t => [t.dataset.tier, t.textContent])),
            models: [...document.querySelectorAll('#models tbody tr')].map(r => r.dataset.model),
            modelRows: rows('models'),
            hotKeys: [...document.querySelectorAll('#hotkeys tbody tr')].map(r => r.dataset.cacheId),
            hotKeyRows: rows('hotkeys'),
            costBars: titles('#chart-cost rect title'),
            hitRatePoints: titles('#chart-hitrate circle title'),
            localStorageKeys: localStorage.length,
          };
        })()
        """;

    [Fact]
    public async Task Dashboard_WithData_ShowsTheEndpointsNumbers()
    {
        await using var ctx = await StartAsync();
        await MakeTrafficAsync(ctx);
        await ctx.Recorder().FlushAsync();
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });

        await page.GotoAsync(new Uri(ctx.Proxy.BaseAddress, "admin/dashboard").ToString());
        await page.WaitForFunctionAsync("document.body && document.body.dataset.state === 'token'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.EvaluateAsync("token => sessionStorage.setItem('llmcache.adminToken', token)", AdminToken);
        // The numbers to expect are the ones the endpoint sent this page (its own range, from the page's clock).
        var analytics = await page.RunAndWaitForResponseAsync(() => page.ReloadAsync(), r => r.Url.Contains("/admin/analytics?", StringComparison.Ordinal));
        Assert.Equal(200, analytics.Status);
        var expected = Assert.NotNull(await analytics.JsonAsync());
        await page.WaitForFunctionAsync("document.body && document.body.dataset.state === 'loaded'", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        var shown = await page.EvaluateAsync<JsonElement>(ReadPage);
        await SaveScreenshotAsync(page);

        var hits = expected.GetProperty("hits");
        var cost = expected.GetProperty("cost_saved");
        var latency = expected.GetProperty("latency_saved_ms");
        var tokens = expected.GetProperty("tokens_saved");
        long tokensTotal = tokens.GetProperty("input").GetInt64() + tokens.GetProperty("output").GetInt64();
        Assert.Equal(expected.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture), Raw(shown, "requests"));
        Assert.Equal(Int(expected.GetProperty("requests").GetInt64()), Text(shown, "requests"));
        Assert.Equal(Int(hits.GetProperty("total").GetInt64()), Text(shown, "hits"));
        Assert.Equal(cost.GetProperty("total").GetDecimal(), Decimal(Raw(shown, "cost")));
        Assert.Equal(Usd(cost.GetProperty("total").GetDecimal()), Text(shown, "cost"));
        Assert.Equal(expected.GetProperty("upstream_cost").GetDecimal(), Decimal(Raw(shown, "upstream")));
        Assert.Equal(Usd(expected.GetProperty("upstream_cost").GetDecimal()), Text(shown, "upstream"));
        Assert.Equal(expected.GetProperty("hit_rate").GetDouble(), double.Parse(Raw(shown, "hitRate"), CultureInfo.InvariantCulture));
        Assert.Equal(Pct(expected.GetProperty("hit_rate").GetDouble()), Text(shown, "hitRate"));
        Assert.Equal(tokensTotal.ToString(CultureInfo.InvariantCulture), Raw(shown, "tokens"));
        Assert.Equal(Int(tokensTotal), Text(shown, "tokens"));
        Assert.Equal(Ms(latency.GetProperty("total").GetDouble()), Text(shown, "latency"));
        Assert.Equal($"{Usd(cost.GetProperty("daily_average").GetDecimal())} / day · {Usd(cost.GetProperty("per_hit").GetDecimal())} / hit", Str(shown, "costSub"));
        Assert.Equal($"{Int(expected.GetProperty("bypasses").GetInt64())} bypassed", Str(shown, "requestsSub"));
        Assert.Equal($"{Int(expected.GetProperty("misses").GetInt64())} misses", Str(shown, "missesSub"));
        Assert.Equal($"{Ms(latency.GetProperty("average").GetDouble())} per hit", Str(shown, "latencySub"));
        Assert.Equal($"{Int(tokens.GetProperty("input").GetInt64())} in · {Int(tokens.GetProperty("output").GetInt64())} out", Str(shown, "tokensSub"));
        Assert.Equal($"{Int(expected.GetProperty("cold_entries").GetInt64())} stored entries never hit", Str(shown, "cold"));
        foreach (string tier in new[] { "memory", "sqlite", "s3", "coalesced" })
        {
            Assert.Equal(Int(hits.GetProperty(tier).GetInt64()), shown.GetProperty("tiers").GetProperty(tier).GetString());
        }

        var byModel = expected.GetProperty("by_model").EnumerateArray().ToArray();
        Assert.Equal(byModel.Select(m => m.GetProperty("model").GetString()), Strings(shown.GetProperty("models")));
        Assert.Equal(byModel.Select(m => new[]
            {
                m.GetProperty("model").GetString()!, Int(m.GetProperty("requests").GetInt64()), Pct(m.GetProperty("hit_rate").GetDouble()),
                Usd(m.GetProperty("cost_saved").GetDecimal()), "",
            }), Rows(shown.GetProperty("modelRows")));
        var hotKeys = expected.GetProperty("hot_keys").EnumerateArray().ToArray();
        Assert.Equal(hotKeys.Select(k => k.GetProperty("cache_id").GetString()), Strings(shown.GetProperty("hotKeys")));
        Assert.Equal(hotKeys.Select(k => new[]
            {
                k.GetProperty("cache_id").GetString()!, k.GetProperty("model").GetString()!, Int(k.GetProperty("hits").GetInt64()),
                Usd(k.GetProperty("cost_saved").GetDecimal()),
            }), Rows(shown.GetProperty("hotKeyRows")));
        var buckets = expected.GetProperty("timeseries").EnumerateArray().ToArray();
        Assert.Equal(buckets.Where(b => b.GetProperty("cost_saved").GetDecimal() != 0).Select(b => Usd(b.GetProperty("cost_saved").GetDecimal())),
            Strings(shown.GetProperty("costBars")));
        Assert.Equal(buckets.Where(b => b.GetProperty("requests").GetInt64() > 0).Select(b => Pct(b.GetProperty("hit_rate").GetDouble())),
            Strings(shown.GetProperty("hitRatePoints")));
        Assert.NotEmpty(Strings(shown.GetProperty("costBars")));
        Assert.Equal(0, shown.GetProperty("localStorageKeys").GetInt32());
    }

    private static string Raw(JsonElement shown, string kpi) => shown.GetProperty(kpi).GetProperty("raw").GetString()!;

    private static string Text(JsonElement shown, string kpi) => shown.GetProperty(kpi).GetProperty("text").GetString()!;

    private static string Str(JsonElement shown, string name) => shown.GetProperty(name).GetString()!;

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static string[][] Rows(JsonElement rows) => rows.EnumerateArray().Select(Strings).ToArray();

    private static decimal Decimal(string value) => decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

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

    private static async Task SaveScreenshotAsync(IPage page)
    {
        string artifacts = Path.Combine(RepositoryRoot.Path, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });
    }
}
