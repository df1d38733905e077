using System.Net;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// The proxy exports to a real OTLP/HTTP endpoint (a loopback receiver) when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// Every test uses a model name of its own: the SDK listens to every meter named LlmCacheProxy in the process,
/// and other tests' proxies run alongside.
/// </summary>
[Collection(ProcessWideTelemetryCollection.Name)]
public sealed class OtlpExportTests
{
    private const string CallerSpanId = "1111111111111111";

    private static Dictionary<string, string?> OtlpSettings(OtlpReceiver receiver) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "300",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    [Fact]
    public async Task OtlpExport_HitsAndMisses_ArriveAsMetricsWithRightCounts()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(OtlpSettings(receiver));
        string model = "otlp-metrics-" + Guid.NewGuid().ToString("N")[..8];

        foreach (var prompt in new[] { "first", "second", "first", "first", "second" })
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(prompt, model));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        double Sum(string metric, params (string, string)[] tags) =>
            receiver.LatestPoints(metric, [("model", model), .. tags]).Sum(p => p.Value);

        bool arrived = await Poll.UntilAsync(() => Sum("llmcache.hits") == 3 && Sum("llmcache.misses") == 2);
        Assert.True(arrived, $"hits={Sum("llmcache.hits")}, misses={Sum("llmcache.misses")}");
        Assert.Equal(3, Sum("llmcache.hits", ("tier", "memory")));
        Assert.Equal(3, Sum("llmcache.requests", ("outcome", "hit")));
        Assert.Equal(2, Sum("llmcache.requests", ("outcome", "miss")));
        Assert.Equal(2UL, (ulong)receiver.LatestPoints("llmcache.upstream.duration", ("model", model)).Sum(p => (long)p.Count));
        Assert.NotEmpty(receiver.LatestPoints("llmcache.tier.duration", ("tier", "sqlite"), ("op", "get")));
        Assert.NotEmpty(receiver.LatestPoints("llmcache.entries", ("tier", "sqlite")));
    }

    [Fact]
    public async Task OtlpExport_Miss_TierAndUpstreamSpansAreChildrenOfTheRequestSpan()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(OtlpSettings(receiver));
        string traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = ChatRequests.Post(ChatRequests.Body("trace me", "otlp-traces"));
        request.Headers.Add("traceparent", $"00-{traceId}-{CallerSpanId}-01");

        // The proxy's HttpClient instrumentation listens process-wide: the test's own client would open a span and
        // replace this traceparent, so instrumentation is suppressed for the caller's send.
        HttpResponseMessage response;
        using (OpenTelemetry.SuppressInstrumentationScope.Begin())
        {
            response = await ctx.Proxy.Http.SendAsync(request);
        }

        using var _ = response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        List<OtlpSpan> Mine() => receiver.Spans().Where(s => s.TraceId == traceId).ToList();
        await Poll.UntilAsync(() => Mine().Any(s => s.Scope == "Microsoft.AspNetCore") && Mine().Any(s => s.Name.StartsWith("upstream", StringComparison.Ordinal)));
        var spans = Mine();
        // The proxy's request span is the child of the caller's traceparent (the fake upstream's own request span
        // shares the trace further down).
        var server = Assert.Single(spans, s => s.Scope == "Microsoft.AspNetCore" && s.ParentSpanId == CallerSpanId);
        var ours = spans.Where(s => s.Scope == "LlmCacheProxy").ToList();
        Assert.Contains(ours, s => s.Name == "cache get memory");
        Assert.Contains(ours, s => s.Name == "cache get sqlite");
        Assert.Contains(ours, s => s.Name == "upstream /v1/chat/completions");
        Assert.All(ours.Where(s => s.Name.StartsWith("cache get", StringComparison.Ordinal) || s.Name.StartsWith("upstream", StringComparison.Ordinal)),
            s => Assert.Equal(server.SpanId, s.ParentSpanId));
    }

    [Fact]
    public async Task OtlpExport_LogsAtTraceLevel_ContainNoPromptOrAuthorization()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = OtlpSettings(receiver);
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Yarp", "System.Net.Http", "LlmCacheProxy" })
        {
            settings[$"Logging:LogLevel:{category}"] = "Trace";
        }

        string prompt = "purple-elephant-" + Guid.NewGuid().ToString("N");
        string apiKey = "sk-secret-" + Guid.NewGuid().ToString("N");
        var ctx = await ProxyTestContext.StartAsync(settings);
        try
        {
            foreach (var content in new[] { prompt, prompt, prompt + " [[status=500]]" })
            {
                using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(content, "otlp-logs"), apiKey);
            }
        }
        finally
        {
            await ctx.DisposeAsync(); // disposing the proxy flushes its last log batch
        }

        var logs = receiver.Payloads("v1/logs");
        byte[] all = logs.SelectMany(p => p).ToArray();
        Assert.True(Contains(all, "SQLite cache opened"), "the proxy's own logs were exported");
        Assert.True(Contains(all, "/v1/chat/completions"), "request-time logs were exported");
        Assert.False(Contains(all, prompt), "a log line holds the prompt");
        Assert.False(Contains(all, apiKey), "a log line holds the caller's key");
        Assert.False(Contains(all, "Bearer "), "a log line holds an Authorization value");
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
