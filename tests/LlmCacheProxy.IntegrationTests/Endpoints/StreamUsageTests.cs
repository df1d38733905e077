using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Analytics;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.Streaming;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary>
/// Exact costs for chat streams: a stream whose client did not ask <c>include_usage</c> is forwarded asking for it, the
/// client gets the stream it asked for, and the entry has upstream's token counts.
/// </summary>
public sealed class StreamUsageTests
{
    private static async Task<JsonElement> OnlyEntryAsync(ProxyTestContext ctx)
    {
        await ctx.Proxy.FlushAsync();
        var (_, page) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries");
        return page.GetProperty("entries").EnumerateArray().Single();
    }

    [Fact]
    public async Task StreamWithoutIncludeUsage_ClientGetsNoUsageChunkAndNoNullUsage()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (response, data) = await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("plain stream please", includeUsage: false));

        Assert.Equal("MISS", response.Header("X-Cache"));
        Assert.DoesNotContain(data, d => d.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.DoesNotContain(data, d => d.Contains("\"choices\":[]", StringComparison.Ordinal));
        Assert.Equal("[DONE]", data[^1]);
        string forwarded = Encoding.UTF8.GetString(ctx.Upstream.Requests[^1].Body);
        Assert.Contains("\"stream_options\":{\"include_usage\":true}", forwarded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamWithoutIncludeUsage_EntryHasUpstreamsTokenCounts()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        const string prompt = "count my tokens";
        var (_, json) = await ctx.Proxy.Http.PostAsync("v1/chat/completions", ChatRequests.Body(prompt + " once", model: "gpt-4o"));
        var expected = JsonDocument.Parse(json).RootElement.GetProperty("usage");

        await RawStream.SendAsync(ctx.Proxy.Http, ChatRequests.Body(prompt + " once", model: "gpt-4o-mini", stream: true));
        await ctx.Proxy.FlushAsync();
        var (_, page) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries?model=gpt-4o-mini");
        var entry = page.GetProperty("entries").EnumerateArray().Single();

        Assert.Equal(expected.GetProperty("prompt_tokens").GetInt64(), entry.GetProperty("tokens").GetProperty("input").GetInt64());
        Assert.Equal(expected.GetProperty("completion_tokens").GetInt64(), entry.GetProperty("tokens").GetProperty("output").GetInt64());
        Assert.False(entry.GetProperty("cost_estimated").GetBoolean());
    }

    [Fact]
    public async Task StoredWithProxyAskedUsage_ReplayToClientWithoutIncludeUsage_NoUsageAnywhere()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = RawStream.Body("replayed plain", includeUsage: false);
        await RawStream.SendAsync(ctx.Proxy.Http, body);
        await ctx.Proxy.WaitIdleAsync();

        var (hit, data) = await RawStream.SendAsync(ctx.Proxy.Http, body);

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.DoesNotContain(data, d => d.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpstreamSendsNoUsage_EntryCountedWithTheTokenizerAndMarkedEstimated()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("no usage from upstream [[stream-usage-absent]]", includeUsage: false));
        var entry = await OnlyEntryAsync(ctx);

        Assert.True(entry.GetProperty("cost_estimated").GetBoolean());
        Assert.True(entry.GetProperty("tokens").GetProperty("input").GetInt64() > 0);
        Assert.True(entry.GetProperty("tokens").GetProperty("output").GetInt64() > 0);
    }

    [Fact]
    public async Task RouteTurnsRequestStreamUsageOff_BodyForwardedAsSent()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        await ctx.RestartProxyAsync(AdminApi.Settings(
            ("ReverseProxy:Routes:openai:ClusterId", "upstream"),
            ("ReverseProxy:Routes:openai:Match:Path", "/v1/{**rest}"),
            ("ReverseProxy:Routes:openai:Metadata:LlmCache.RequestStreamUsage", "off"),
            ("ReverseProxy:Clusters:upstream:Destinations:fake:Address", ctx.Upstream.BaseAddress.ToString())));
        string body = RawStream.Body("refusing upstream", includeUsage: false);

        await RawStream.SendAsync(ctx.Proxy.Http, body);
        var entry = await OnlyEntryAsync(ctx);

        Assert.Equal(body, Encoding.UTF8.GetString(ctx.Upstream.Requests[^1].Body));
        Assert.True(entry.GetProperty("cost_estimated").GetBoolean());
    }

    [Fact]
    public async Task SettingOff_BodyForwardedAsSent()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(("Cache:RequestStreamUsage", "false")));
        string body = RawStream.Body("setting off", includeUsage: false);

        await RawStream.SendAsync(ctx.Proxy.Http, body);

        Assert.Equal(body, Encoding.UTF8.GetString(ctx.Upstream.Requests[^1].Body));
    }

    [Fact]
    public async Task StreamHit_CostSaved_EqualsTheStoredCost()
    {
        await using var ctx = await AnalyticsFixture.StartAsync();
        string body = RawStream.Body("what does a stream hit save", includeUsage: false);
        await RawStream.SendAsync(ctx.Proxy.Http, body);
        await ctx.Proxy.FlushAsync();

        var (hit, _) = await RawStream.SendAsync(ctx.Proxy.Http, body);
        await ctx.Recorder().FlushAsync();
        var report = await ctx.AnalyticsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"admin/cache/entries/{hit.Header("X-Cache-Key")}");
        request.Headers.Authorization = new("Bearer", AnalyticsFixture.AdminToken);
        using var response = await ctx.Proxy.Http.SendAsync(request);
        var entry = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("HIT", hit.Header("X-Cache"));
        decimal stored = decimal.Parse(entry.GetProperty("cost_total").GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(stored > 0, "the stream entry has a cost");
        Assert.Equal(stored, report.GetProperty("cost_saved").GetProperty("total").GetDecimal());
        Assert.Equal(0, report.GetProperty("pricing").GetProperty("estimated_cost_requests").GetInt64());
    }
}
