using System.Net;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Analytics;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary>The <c>endpoint</c> dimension: analytics per endpoint (filter, by_endpoint, CSV) and the metrics' endpoint tag.</summary>
public sealed class EndpointDimensionTests
{
    private static async Task TrafficOnEveryEndpointAsync(ProxyTestContext ctx, string model = "gpt-4o-mini")
    {
        for (int i = 0; i < 2; i++)
        {
            await ctx.Proxy.Http.PostAsync("v1/chat/completions", ChatRequests.Body("dimension chat", model));
            await ctx.Proxy.Http.PostAsync("v1/responses", $$"""{"model":"{{model}}","input":"dimension responses"}""");
            await ctx.Proxy.Http.PostAsync("v1/completions", $$"""{"model":"{{model}}","prompt":"dimension completions"}""");
            await ctx.Proxy.Http.PostAsync("v1/embeddings", $$"""{"model":"{{model}}","input":["dimension a","dimension b","dimension c"]}""");
            await ctx.Proxy.WaitIdleAsync();
        }
    }

    [Fact]
    public async Task Analytics_TrafficOnEveryEndpoint_ByEndpointCountsEach()
    {
        await using var ctx = await AnalyticsFixture.StartAsync();
        await TrafficOnEveryEndpointAsync(ctx);
        await ctx.Recorder().FlushAsync();

        var report = await ctx.AnalyticsAsync();

        var byEndpoint = report.GetProperty("by_endpoint").EnumerateArray()
            .ToDictionary(e => e.GetProperty("endpoint").GetString()!, e => (Requests: e.GetProperty("requests").GetInt64(), Hits: e.GetProperty("hits").GetInt64()));
        Assert.Equal((2, 1), byEndpoint["chat.completions"]);
        Assert.Equal((2, 1), byEndpoint["responses"]);
        Assert.Equal((2, 1), byEndpoint["completions"]);
        Assert.Equal((6, 3), byEndpoint["embeddings"]);
    }

    [Fact]
    public async Task Analytics_EndpointFilter_CountsThatEndpointAlone()
    {
        await using var ctx = await AnalyticsFixture.StartAsync();
        await TrafficOnEveryEndpointAsync(ctx);
        await ctx.Recorder().FlushAsync();

        var report = await ctx.AnalyticsAsync("endpoint=embeddings");
        using var csv = await ctx.GetAnalyticsAsync("endpoint=responses&format=csv&granularity=day");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("embeddings", report.GetProperty("endpoint").GetString());
        Assert.Equal(6, report.GetProperty("requests").GetInt64());
        Assert.Equal(3, report.GetProperty("hits").GetProperty("total").GetInt64());
        Assert.True(report.GetProperty("cost_saved").GetProperty("total").GetDecimal() > 0);
        Assert.Equal(2, lines.Skip(1).Sum(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Analytics_UnknownEndpoint_400NamingTheField()
    {
        await using var ctx = await AnalyticsFixture.StartAsync();

        using var response = await ctx.GetAnalyticsAsync("endpoint=images");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("endpoint", out _));
    }

    [Fact]
    public async Task Metrics_RequestsOnEveryEndpoint_CarryTheEndpointTag()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string model = "dim-" + Guid.NewGuid().ToString("N")[..8];
        await TrafficOnEveryEndpointAsync(ctx, model);

        string text = "";
        await Poll.UntilAsync(async () =>
        {
            text = await ctx.Proxy.Http.GetStringAsync("metrics");
            return text.Contains($"model=\"{model}\"", StringComparison.Ordinal);
        });

        foreach (var endpoint in new[] { "chat.completions", "responses", "completions", "embeddings" })
        {
            Assert.Matches($@"llmcache_requests_total\{{[^}}]*endpoint=""{System.Text.RegularExpressions.Regex.Escape(endpoint)}""[^}}]*model=""{model}""", text);
        }
    }
}
