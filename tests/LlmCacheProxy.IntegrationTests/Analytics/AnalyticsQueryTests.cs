using System.Net;
using System.Text.Json;
using LlmCacheProxy.Proxy;
using static LlmCacheProxy.IntegrationTests.Analytics.AnalyticsFixture;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>
/// Grouping, filters, CSV and validation of /admin/analytics over usage recorded at known past times
/// (through the real recorder and SQLite writer, so the hours are fixed and the test does not depend on the clock).
/// </summary>
public sealed class AnalyticsQueryTests
{
    private const string Range = "from=2025-03-01T00:00:00Z&to=2025-03-03T00:00:00Z";

    private static async Task<Infrastructure.ProxyTestContext> StartWithHistoryAsync()
    {
        var ctx = await StartAsync();
        var recorder = ctx.Recorder();
        recorder.Record(Miss("model-a", ""), At("2025-03-01T22:10:00Z"));
        recorder.Record(Miss("model-a", "team-x"), At("2025-03-01T23:40:00Z"));
        recorder.Record(Miss("model-a", "team-x"), At("2025-03-01T23:59:00Z"));
        recorder.Record(Miss("model-b", ""), At("2025-03-02T00:05:00Z"));
        recorder.Record(Miss("model-b", ""), At("2025-03-04T09:00:00Z")); // outside the range
        await recorder.FlushAsync();
        return ctx;
    }

    private static CacheAnswer Miss(string model, string ns) =>
        new(CacheOutcome.Miss, null, model, ns, "/v1/chat/completions", "chat.completions", 500, null, TimeSpan.FromMilliseconds(5));

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, long> NonEmpty(JsonElement report) =>
        report.GetProperty("timeseries").EnumerateArray()
            .Where(b => b.GetProperty("requests").GetInt64() > 0)
            .ToDictionary(b => b.GetProperty("bucket").GetString()!, b => b.GetProperty("requests").GetInt64());

    [Fact]
    public async Task Granularity_Hour_OneBucketPerHour()
    {
        await using var ctx = await StartWithHistoryAsync();

        var report = await ctx.AnalyticsAsync(Range + "&granularity=hour");

        Assert.Equal(48, report.GetProperty("timeseries").GetArrayLength());
        Assert.Equal(new Dictionary<string, long>
        {
            ["2025-03-01T22:00:00.0000000Z"] = 1,
            ["2025-03-01T23:00:00.0000000Z"] = 2,
            ["2025-03-02T00:00:00.0000000Z"] = 1,
        }, NonEmpty(report));
        Assert.Equal(4, report.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Granularity_Day_OneBucketPerUtcDay()
    {
        await using var ctx = await StartWithHistoryAsync();

        var report = await ctx.AnalyticsAsync(Range + "&granularity=day");

        Assert.Equal(2, report.GetProperty("timeseries").GetArrayLength());
        Assert.Equal(new Dictionary<string, long>
        {
            ["2025-03-01T00:00:00.0000000Z"] = 3,
            ["2025-03-02T00:00:00.0000000Z"] = 1,
        }, NonEmpty(report));
    }

    [Fact]
    public async Task ModelFilter_CountsOnlyThatModel()
    {
        await using var ctx = await StartWithHistoryAsync();

        var report = await ctx.AnalyticsAsync(Range + "&model=model-b");

        Assert.Equal(1, report.GetProperty("requests").GetInt64());
        Assert.Equal("model-b", Assert.Single(report.GetProperty("by_model").EnumerateArray()).GetProperty("model").GetString());
    }

    [Fact]
    public async Task NamespaceFilter_CountsOnlyThatNamespace()
    {
        await using var ctx = await StartWithHistoryAsync();

        var report = await ctx.AnalyticsAsync(Range + "&namespace=team-x");

        Assert.Equal(2, report.GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task TimeRange_ExcludesUsageOutsideIt()
    {
        await using var ctx = await StartWithHistoryAsync();

        var report = await ctx.AnalyticsAsync("from=2025-03-04T00:00:00Z&to=2025-03-05T00:00:00Z");

        Assert.Equal(1, report.GetProperty("requests").GetInt64());
        Assert.Equal(1, report.GetProperty("misses").GetInt64());
    }

    [Fact]
    public async Task FormatCsv_ReturnsTimeseriesRows()
    {
        await using var ctx = await StartWithHistoryAsync();

        using var response = await ctx.GetAnalyticsAsync(Range + "&granularity=day&format=csv");
        string[] lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("bucket,requests,hits,hits_memory,hits_sqlite,hits_s3,coalesced,misses,bypasses,hit_rate,cost_saved,upstream_cost", lines[0]);
        Assert.StartsWith("2025-03-01T00:00:00Z,3,0,0,0,0,0,3,0,0,", lines[1]);
        Assert.StartsWith("2025-03-02T00:00:00Z,1,0,0,0,0,0,1,0,0,", lines[2]);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2025-13-45", "to")]
    [InlineData("from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", "from")]
    [InlineData("granularity=week", "granularity")]
    [InlineData("format=xml", "format")]
    [InlineData("from=2000-01-01&to=2025-01-01&granularity=hour", "granularity")]
    public async Task InvalidQuery_Returns400NamingTheField(string query, string field)
    {
        await using var ctx = await StartAsync();

        using var response = await ctx.GetAnalyticsAsync(query);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Analytics_WithoutToken_Is401()
    {
        await using var ctx = await StartAsync();

        using var response = await ctx.GetAnalyticsAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithoutToken_ServesSelfContainedPage()
    {
        await using var ctx = await StartAsync();

        using var response = await ctx.Proxy.Http.GetAsync("admin/dashboard");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sessionStorage", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        Assert.Empty(ctx.Upstream.Requests);
    }
}
