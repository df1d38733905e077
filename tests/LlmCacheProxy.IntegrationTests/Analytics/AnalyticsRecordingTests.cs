using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Keys;
using static LlmCacheProxy.IntegrationTests.Analytics.AnalyticsFixture;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>Real traffic through the proxy, then /admin/analytics: counts, money, latency, hot keys.</summary>
public sealed class AnalyticsRecordingTests
{
    [Fact]
    public async Task ThreeMissesSevenHits_TwoModels_ExactCountsAndCostSaved()
    {
        await using var ctx = await StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(60);
        var alpha = await ctx.ChatAsync("gpt-4o-mini", "alpha question about caching");
        var beta = await ctx.ChatAsync("gpt-4o-mini", "beta question");
        var gamma = await ctx.ChatAsync("gpt-4.1-nano", "gamma question with a few more words in it");
        var hits = new List<Answer>();
        for (int i = 0; i < 4; i++)
        {
            hits.Add(await ctx.ChatAsync("gpt-4o-mini", "alpha question about caching"));
        }

        hits.Add(await ctx.ChatAsync("gpt-4o-mini", "beta question"));
        hits.Add(await ctx.ChatAsync("gpt-4.1-nano", "gamma question with a few more words in it"));
        hits.Add(await ctx.ChatAsync("gpt-4.1-nano", "gamma question with a few more words in it"));
        await ctx.Recorder().FlushAsync();

        var report = await ctx.AnalyticsAsync();

        Assert.Equal(["MISS", "MISS", "MISS"], new[] { alpha.Cache, beta.Cache, gamma.Cache });
        Assert.All(hits, h => Assert.Equal("HIT", h.Cache));
        Assert.Equal(3, ctx.Upstream.ChatCalls);
        decimal costAlpha = ExpectedCost("gpt-4o-mini", alpha), costBeta = ExpectedCost("gpt-4o-mini", beta), costGamma = ExpectedCost("gpt-4.1-nano", gamma);
        decimal saved = (4 * costAlpha) + costBeta + (2 * costGamma);
        Assert.Equal(10, report.GetProperty("requests").GetInt64());
        Assert.Equal(7, report.GetProperty("hits").GetProperty("total").GetInt64());
        Assert.Equal(7, report.GetProperty("hits").GetProperty("memory").GetInt64());
        Assert.Equal(3, report.GetProperty("misses").GetInt64());
        Assert.Equal(0, report.GetProperty("bypasses").GetInt64());
        Assert.Equal(0.7, report.GetProperty("hit_rate").GetDouble());
        Assert.Equal(saved, report.GetProperty("cost_saved").GetProperty("total").GetDecimal());
        Assert.Equal(Math.Round(saved / 7, 12), report.GetProperty("cost_saved").GetProperty("per_hit").GetDecimal());
        Assert.Equal(costAlpha + costBeta + costGamma, report.GetProperty("upstream_cost").GetDecimal());
        Assert.Equal((4 * alpha.PromptTokens) + beta.PromptTokens + (2 * gamma.PromptTokens), report.GetProperty("tokens_saved").GetProperty("input").GetInt64());
        Assert.Equal((4 * alpha.CompletionTokens) + beta.CompletionTokens + (2 * gamma.CompletionTokens), report.GetProperty("tokens_saved").GetProperty("output").GetInt64());
        Assert.Equal(0, report.GetProperty("pricing").GetProperty("unknown_cost_requests").GetInt64());
    }

    [Fact]
    public async Task Hits_AfterSlowMisses_SaveLatency()
    {
        await using var ctx = await StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(80);
        await ctx.ChatAsync("gpt-4o-mini", "slow question");
        ctx.Upstream.ResponseDelay = TimeSpan.Zero;
        await ctx.ChatAsync("gpt-4o-mini", "slow question");
        await ctx.ChatAsync("gpt-4o-mini", "slow question");
        await ctx.Recorder().FlushAsync();

        var latency = (await ctx.AnalyticsAsync()).GetProperty("latency_saved_ms");

        Assert.True(latency.GetProperty("total").GetInt64() > 0, latency.ToString());
        Assert.True(latency.GetProperty("average").GetDouble() > 0, latency.ToString());
    }

    [Fact]
    public async Task HotKeys_MostHitEntryFirst_WithHitsAndCostSaved()
    {
        await using var ctx = await StartAsync();
        var alpha = await ctx.ChatAsync("gpt-4o-mini", "the hot question");
        await ctx.ChatAsync("gpt-4.1-nano", "the lukewarm question");
        await ctx.ChatAsync("gpt-4.1-nano", "a cold question");
        for (int i = 0; i < 4; i++)
        {
            await ctx.ChatAsync("gpt-4o-mini", "the hot question");
        }

        await ctx.ChatAsync("gpt-4.1-nano", "the lukewarm question");
        await ctx.Recorder().FlushAsync();

        var report = await ctx.AnalyticsAsync();
        var hot = report.GetProperty("hot_keys");

        Assert.Equal(2, hot.GetArrayLength());
        Assert.Equal($"{ModelSlug.From("gpt-4o-mini")}_{alpha.Key[..16]}", hot[0].GetProperty("cache_id").GetString());
        Assert.Equal("gpt-4o-mini", hot[0].GetProperty("model").GetString());
        Assert.Equal(4, hot[0].GetProperty("hits").GetInt64());
        Assert.Equal(4 * ExpectedCost("gpt-4o-mini", alpha), hot[0].GetProperty("cost_saved").GetDecimal());
        Assert.Equal(1, hot[1].GetProperty("hits").GetInt64());
        Assert.Equal(1, report.GetProperty("cold_entries").GetInt64());
    }

    [Fact]
    public async Task ByModel_TwoModels_SplitsCounts()
    {
        await using var ctx = await StartAsync();
        await ctx.ChatAsync("gpt-4o-mini", "one");
        await ctx.ChatAsync("gpt-4o-mini", "one");
        await ctx.ChatAsync("gpt-4.1-nano", "two");
        await ctx.Recorder().FlushAsync();

        var byModel = (await ctx.AnalyticsAsync()).GetProperty("by_model");

        Assert.Equal(2, byModel.GetArrayLength());
        Assert.Equal("gpt-4o-mini", byModel[0].GetProperty("model").GetString());
        Assert.Equal(2, byModel[0].GetProperty("requests").GetInt64());
        Assert.Equal(1, byModel[0].GetProperty("hits").GetInt64());
        Assert.Equal("gpt-4.1-nano", byModel[1].GetProperty("model").GetString());
        Assert.Equal(1, byModel[1].GetProperty("misses").GetInt64());
    }

    [Fact]
    public async Task UnknownModel_CostCountedAsUnknown_NotGuessed()
    {
        await using var ctx = await StartAsync();
        await ctx.ChatAsync("mystery-model-1", "what costs nothing?");
        await ctx.ChatAsync("mystery-model-1", "what costs nothing?");
        await ctx.Recorder().FlushAsync();

        var report = await ctx.AnalyticsAsync();

        Assert.Equal(2, report.GetProperty("pricing").GetProperty("unknown_cost_requests").GetInt64());
        Assert.Equal(0m, report.GetProperty("cost_saved").GetProperty("total").GetDecimal());
        Assert.Equal(0m, report.GetProperty("upstream_cost").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.GetProperty("hot_keys")[0].GetProperty("cost_saved").ValueKind);
    }

    [Fact]
    public async Task UpstreamReportedCost_WinsOverPriceTable()
    {
        await using var ctx = await StartAsync();
        await ctx.ChatAsync("gpt-4o-mini", "priced by the router [[cost=0.0125]]");
        await ctx.ChatAsync("gpt-4o-mini", "priced by the router [[cost=0.0125]]");
        await ctx.ChatAsync("gpt-4o-mini", "priced by the router [[cost=0.0125]]");
        await ctx.Recorder().FlushAsync();

        var report = await ctx.AnalyticsAsync();

        Assert.Equal(0.025m, report.GetProperty("cost_saved").GetProperty("total").GetDecimal());
        Assert.Equal(0.0125m, report.GetProperty("upstream_cost").GetDecimal());
    }

    [Fact]
    public async Task Recorder_WithoutExplicitFlush_WritesWithinSeconds()
    {
        await using var ctx = await StartAsync();
        await ctx.ChatAsync("gpt-4o-mini", "eventually counted");

        long requests = 0;
        await Poll.UntilAsync(async () => (requests = (await ctx.AnalyticsAsync()).GetProperty("requests").GetInt64()) != 0, TimeSpan.FromSeconds(10));

        Assert.Equal(1, requests);
    }
}
