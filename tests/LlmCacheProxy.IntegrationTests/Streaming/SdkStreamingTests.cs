using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Streaming;

/// <summary>The official SDK's <c>CompleteChatStreamingAsync</c> against the proxy: misses stream, hits replay.</summary>
public sealed class SdkStreamingTests
{
    [Fact]
    public async Task StreamMiss_FirstUpdateArrivesLongBeforeTheLast()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var answer = await StreamedAnswer.CollectAsync(client, "one two three four five [[chunk-delay=300]]");

        Assert.Equal("echo: one two three four five [[chunk-delay=300]]", answer.Text);
        // Upstream pauses between chunks: a proxy that buffered the stream would deliver every update at once.
        var spread = answer.Arrivals[^1] - answer.Arrivals[0];
        Assert.True(spread > answer.Total / 2, $"updates spread over {spread.TotalMilliseconds} ms of {answer.Total.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task StreamHit_YieldsSameTextFinishReasonAndUsage()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var first = await StreamedAnswer.CollectAsync(client, "stream me please");
        var second = await StreamedAnswer.CollectAsync(client, "stream me please");

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        // The SDK (2.x) asks for usage on every stream by itself.
        Assert.Contains("\"include_usage\":true", ctx.Upstream.Requests[0].BodyText, StringComparison.Ordinal);
        Assert.Equal("echo: stream me please", second.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.NotNull(first.Usage);
        Assert.NotNull(second.Usage);
        Assert.Equal(first.Usage.InputTokenCount, second.Usage.InputTokenCount);
        Assert.Equal(first.Usage.OutputTokenCount, second.Usage.OutputTokenCount);
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task StreamHit_IsEventStreamWithCacheHeadersAndEndsWithDone()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = RawStream.Body("raw stream hit", includeUsage: true);

        var (miss, missData) = await RawStream.SendAsync(ctx.Proxy.Http, body);
        var (hit, hitData) = await RawStream.SendAsync(ctx.Proxy.Http, body);

        Assert.Equal("MISS", miss.Header("X-Cache"));
        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal("memory", hit.Header("X-Cache-Tier"));
        Assert.Equal(miss.Header("X-Cache-Key"), hit.Header("X-Cache-Key"));
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal("text/event-stream", hit.Content.Headers.ContentType?.MediaType);
        Assert.Equal(missData, hitData);
        Assert.Equal("[DONE]", hitData[^1]);
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task StreamEntry_AfterRestart_IsSqliteHitWithSameEvents()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = RawStream.Body("survives a restart", includeUsage: true);

        var (_, missData) = await RawStream.SendAsync(ctx.Proxy.Http, body);
        await ctx.RestartProxyAsync(ProxyTestContext.WithoutWarmup());
        var (hit, hitData) = await RawStream.SendAsync(ctx.Proxy.Http, body);

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal("sqlite", hit.Header("X-Cache-Tier"));
        Assert.Equal(missData, hitData);
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }
}
