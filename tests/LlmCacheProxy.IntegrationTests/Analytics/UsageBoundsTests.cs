using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Proxy;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>Callers choose model names and namespaces; the rows and metric series made from them stay bounded.</summary>
public sealed class UsageBoundsTests
{
    private static Task<ProxyTestContext> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Admin:Token"] = AnalyticsFixture.AdminToken };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return ProxyTestContext.StartAsync(all);
    }

    private static Dictionary<string, long> RequestsByModel(JsonElement analytics) =>
        analytics.GetProperty("by_model").EnumerateArray()
            .ToDictionary(m => m.GetProperty("model").GetString()!, m => m.GetProperty("requests").GetInt64());

    [Fact]
    public async Task HugeRandomModelNames_KeepTheFileAndAnalyticsSmall()
    {
        await using var ctx = await StartAsync(("Cache:Sqlite:MaxBytes", "4194304"));
        var random = new Random(12);
        for (int i = 0; i < 64; i++)
        {
            string model = new(Enumerable.Range(0, 256 * 1024).Select(_ => (char)('a' + random.Next(26))).ToArray());
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("name " + i, model));
        }

        await ctx.Recorder().FlushAsync();
        using var analytics = await ctx.GetAnalyticsAsync();
        string text = await analytics.Content.ReadAsStringAsync();
        var byModel = RequestsByModel(JsonDocument.Parse(text).RootElement);
        await ctx.Proxy.DisposeAsync();
        long fileBytes = new FileInfo(ctx.Directory.SqlitePath).Length;

        Assert.Equal(new Dictionary<string, long> { ["(invalid)"] = 64 }, byModel);
        Assert.True(text.Length < 64 * 1024, $"/admin/analytics is {text.Length} bytes");
        Assert.True(fileBytes < 12L * 1024 * 1024, $"the SQLite file is {fileBytes >> 20} MiB");
        await ctx.RestartProxyAsync();
    }

    [Fact]
    public async Task RefusedBodyWithAnOverLongModel_IsCountedAsInvalid()
    {
        await using var ctx = await StartAsync();
        string model = new('m', 300);
        for (int i = 0; i < 3; i++)
        {
            // Duplicate keys: the key builder refuses the body (BYPASS), so there is no normalized model to count.
            using var response = await ctx.Proxy.Http.SendAsync(
                $$"""{"model":"{{model}}","messages":[{"role":"user","content":"refused {{i}}"}],"seed":1,"seed":2}""");
            Assert.Equal("BYPASS", response.Header("X-Cache"));
        }

        await ctx.Recorder().FlushAsync();

        Assert.Equal(new Dictionary<string, long> { ["(invalid)"] = 3 }, RequestsByModel(await ctx.AnalyticsAsync()));
    }

    [Fact]
    public async Task AnswersRefusedForTheCallersKey_AreCountedUnderUnauthorizedOnly()
    {
        await using var ctx = await StartAsync();
        for (int i = 0; i < 30; i++)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("no entry [[status=401]]", "made-up-" + i));
        }

        await ctx.Recorder().FlushAsync();

        Assert.Equal(new Dictionary<string, long> { ["(unauthorized)"] = 30 }, RequestsByModel(await ctx.AnalyticsAsync()));
    }

    [Fact]
    public async Task DistinctModelsPastMaxModelsPerHour_AreCountedUnderOther()
    {
        await using var ctx = await StartAsync(("Analytics:MaxModelsPerHour", "5"));
        for (int i = 0; i < 12; i++)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("many models", "model-" + i));
        }

        await ctx.Recorder().FlushAsync();
        var byModel = RequestsByModel(await ctx.AnalyticsAsync());

        Assert.Equal(6, byModel.Count);
        Assert.Equal(7, byModel["(other)"]);
        Assert.Equal(12, byModel.Values.Sum());
    }

    [Fact]
    public async Task DistinctNamespacesPastMaxNamespacesPerHour_AreCountedUnderOther()
    {
        await using var ctx = await StartAsync(("Analytics:MaxNamespacesPerHour", "2"));
        for (int i = 0; i < 5; i++)
        {
            using var request = ChatRequests.Post(ChatRequests.Body("many namespaces"));
            request.Headers.Add("X-Cache-Namespace", "ns-" + i);
            using var response = await ctx.Proxy.Http.SendAsync(request);
        }

        await ctx.Recorder().FlushAsync();

        Assert.Equal(3, (await ctx.AnalyticsAsync("namespace=(other)")).GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task UsageOlderThanRetentionDays_IsPrunedInTheBackground()
    {
        var settings = new Dictionary<string, string?> { ["Admin:Token"] = AnalyticsFixture.AdminToken, ["Analytics:RetentionDays"] = "10" };
        await using var ctx = await ProxyTestContext.StartAsync(settings);
        var now = DateTimeOffset.UtcNow;
        var recorder = ctx.Recorder();
        recorder.Record(Answer("ancient-model"), now.AddDays(-30));
        recorder.Record(Answer("recent-model"), now.AddDays(-2));
        await recorder.FlushAsync();
        string range = $"from={Uri.EscapeDataString(now.AddDays(-60).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}";
        Assert.Contains("ancient-model", RequestsByModel(await ctx.AnalyticsAsync(range)).Keys);

        await ctx.RestartProxyAsync(settings);

        await Poll.AssertEventuallyAsync(async () => !RequestsByModel(await ctx.AnalyticsAsync(range)).ContainsKey("ancient-model"),
            "usage older than 10 days to be pruned");
        Assert.Contains("recent-model", RequestsByModel(await ctx.AnalyticsAsync(range)).Keys);
    }

    [Fact]
    public async Task MetricModelTag_PastMaxModelsPerHour_IsOther()
    {
        await using var ctx = await StartAsync(("Analytics:MaxModelsPerHour", "3"));
        string prefix = "tagcap" + Guid.NewGuid().ToString("N")[..8];
        for (int i = 0; i < 8; i++)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("tag cap", $"{prefix}-{i}"));
        }

        await ctx.Proxy.WaitIdleAsync();
        string text = "";
        await Poll.UntilAsync(async () => (text = await ctx.Proxy.Http.GetStringAsync("metrics")).Contains(prefix, StringComparison.Ordinal));
        var tagged = Regex.Matches(text, $@"llmcache_requests_total\{{[^}}]*model=""({prefix}-\d+)""").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(3, tagged.Count);
        Assert.Contains("model=\"(other)\"", text, StringComparison.Ordinal);
    }

    private static CacheAnswer Answer(string model) =>
        new(CacheOutcome.Miss, null, model, "", "/v1/chat/completions", "chat.completions", 200, null, TimeSpan.Zero);
}
