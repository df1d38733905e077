using System.Net.Http.Headers;
using System.Text.Json;
using LlmCacheProxy.Analytics;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Analytics;

/// <summary>
/// A proxy with an admin token and a test price file (known prices, independent of the shipped one), plus
/// helpers to send chat requests, flush the usage recorder and read /admin/analytics.
/// </summary>
internal static class AnalyticsFixture
{
    public const string AdminToken = "test-admin-token";

    /// <summary>USD per 1M tokens in the test price file.</summary>
    public static readonly Dictionary<string, (decimal Input, decimal Output)> Prices = new()
    {
        ["gpt-4o-mini"] = (0.15m, 0.60m),
        ["gpt-4.1-nano"] = (0.10m, 0.40m),
    };

    private const string PriceJson = """
        {"models": {
          "gpt-4o-mini*": {"input": 0.15, "cached_input": 0.075, "output": 0.60},
          "gpt-4.1-nano*": {"input": 0.10, "cached_input": 0.025, "output": 0.40}
        }}
        """;

    public static async Task<ProxyTestContext> StartAsync()
    {
        string pricing = Path.Combine(Path.GetTempPath(), "llmcache-tests", "pricing-" + Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(pricing)!);
        await File.WriteAllTextAsync(pricing, PriceJson);
        return await ProxyTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Admin:Token"] = AdminToken,
            ["Pricing:Path"] = pricing,
        });
    }

    /// <summary>The recorder, once every request already answered has also been observed.</summary>
    public static UsageRecorder Recorder(this ProxyTestContext ctx)
    {
        ctx.Proxy.WaitIdleAsync().GetAwaiter().GetResult();
        return ctx.Proxy.Services.GetRequiredService<UsageRecorder>();
    }

    /// <summary>Sends one chat request; returns X-Cache and the usage numbers of the answer.</summary>
    public static async Task<Answer> ChatAsync(this ProxyTestContext ctx, string model, string content)
    {
        using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(content, model));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var usage = body.RootElement.GetProperty("usage");
        return new Answer(response.Header("X-Cache") ?? "", response.Header("X-Cache-Key") ?? "",
            usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64());
    }

    public static async Task<HttpResponseMessage> GetAnalyticsAsync(this ProxyTestContext ctx, string query = "", string? token = AdminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/analytics" + (query.Length > 0 ? "?" + query : ""));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await ctx.Proxy.Http.SendAsync(request);
    }

    public static async Task<JsonElement> AnalyticsAsync(this ProxyTestContext ctx, string query = "")
    {
        using var response = await ctx.GetAnalyticsAsync(query);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static decimal ExpectedCost(string model, Answer answer) =>
        ((answer.PromptTokens * Prices[model].Input) + (answer.CompletionTokens * Prices[model].Output)) / 1_000_000m;

    internal sealed record Answer(string Cache, string Key, long PromptTokens, long CompletionTokens);
}
