using System.Net;
using System.Net.Sockets;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format. Every test proxy in this process shares the meters' names, so each
/// test counts only the series of a model name of its own.
/// </summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Metrics_AfterOneMissAndOneHit_ShowsTheCountersWithTheirUnits()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string model = "prom-" + Guid.NewGuid().ToString("N")[..8];
        for (int i = 0; i < 2; i++)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("scrape me [[delay=30]]", model));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await ctx.Proxy.WaitIdleAsync();
        string text = await ScrapeUntilAsync(ctx.Proxy.Http, $"llmcache_hits_total{{");

        Assert.Contains("# TYPE llmcache_hits_total counter", text);
        Assert.Matches($@"llmcache_hits_total\{{[^}}]*model=""{model}""[^}}]*tier=""memory""[^}}]*\}} 1(\s|$)", text);
        Assert.Matches($@"llmcache_misses_total\{{[^}}]*model=""{model}""[^}}]*\}} 1(\s|$)", text);
        // Units travel as name suffixes in the Prometheus text format.
        Assert.Contains("# TYPE llmcache_tier_duration_seconds histogram", text);
        Assert.Contains("# TYPE llmcache_latency_saved_milliseconds_total counter", text);
        Assert.Contains("# TYPE llmcache_bytes gauge", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Contains("http_client_request_duration_seconds", text);
        Assert.Contains("dotnet_gc_collections_total", text);
    }

    [Fact]
    public async Task Metrics_OnAPortOfItsOwn_AnswersThereAndNotOnTheProxyListener()
    {
        int port = FreePort();
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        using var onProxy = await ctx.Proxy.Http.GetAsync("metrics");
        using var scrape = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        string text = await ScrapeUntilAsync(scrape, "llmcache");

        Assert.Equal(HttpStatusCode.NotFound, onProxy.StatusCode);
        Assert.Contains("# TYPE", text);
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient http, string expected)
    {
        string text = "";
        await Poll.UntilAsync(async () =>
        {
            using var response = await http.GetAsync("metrics");
            text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && text.Contains(expected, StringComparison.Ordinal);
        });
        return text;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
