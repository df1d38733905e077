using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Streaming;

/// <summary><c>stream</c> is not in the key: one entry answers stream and non-stream clients alike.</summary>
public sealed class CrossServeTests
{
    [Fact]
    public async Task JsonEntry_StreamClient_GetsSynthesizedChunks()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var json = await client.CompleteChatAsync([new UserChatMessage("json first then a stream of words")]);
        var streamed = await StreamedAnswer.CollectAsync(client, "json first then a stream of words");

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Equal(json.Value.Content[0].Text, streamed.Text);
        Assert.Equal(ChatFinishReason.Stop, streamed.FinishReason);
        Assert.Equal(json.Value.Id, streamed.Id);
        Assert.NotNull(streamed.Usage);
        Assert.Equal(json.Value.Usage.InputTokenCount, streamed.Usage.InputTokenCount);
        Assert.Equal(json.Value.Usage.OutputTokenCount, streamed.Usage.OutputTokenCount);
        Assert.True(streamed.Arrivals.Count >= 4, $"{streamed.Arrivals.Count} updates");
    }

    [Fact]
    public async Task StreamEntry_JsonClient_GetsAssembledCompletion()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var streamed = await StreamedAnswer.CollectAsync(client, "stream first then json");
        var json = await client.CompleteChatAsync([new UserChatMessage("stream first then json")]);

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Equal("HIT", json.Header("X-Cache"));
        Assert.StartsWith("application/json", json.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(streamed.Text, json.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, json.Value.FinishReason);
        Assert.Equal(streamed.Id, json.Value.Id);
        Assert.Equal("gpt-4o-mini", json.Value.Model);
        Assert.Equal("fp_fake", json.Value.SystemFingerprint);
        Assert.Equal(streamed.Usage!.OutputTokenCount, json.Value.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task ToolCallStream_JsonClient_GetsDeltasMergedIntoOneToolCall()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var streamed = await StreamedAnswer.CollectAsync(client, "weather please [[tool]]");
        var json = await client.CompleteChatAsync([new UserChatMessage("weather please [[tool]]")]);

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Equal("{\"city\":\"Paris\"}", streamed.ToolCalls.Single().Arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, json.Value.FinishReason);
        var call = Assert.Single(json.Value.ToolCalls);
        Assert.Equal("call_fake1", call.Id);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("{\"city\":\"Paris\"}", call.FunctionArguments.ToString());
        Assert.Empty(json.Value.Content);
    }

    [Fact]
    public async Task ToolCallJson_StreamClient_GetsToolCallDeltas()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var json = await client.CompleteChatAsync([new UserChatMessage("json tool [[tool]]")]);
        var streamed = await StreamedAnswer.CollectAsync(client, "json tool [[tool]]");

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Equal(ChatFinishReason.ToolCalls, streamed.FinishReason);
        var call = Assert.Single(streamed.ToolCalls);
        Assert.Equal(json.Value.ToolCalls[0].Id, call.Id);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("{\"city\":\"Paris\"}", call.Arguments);
    }

    [Fact]
    public async Task StoredStreamWithUsage_ClientWithoutIncludeUsage_GetsNoUsageChunk()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (_, withUsage) = await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("usage or not", includeUsage: true));
        var (hit, withoutUsage) = await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("usage or not", includeUsage: false));

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Contains(withUsage, d => d.Contains("\"choices\":[]", StringComparison.Ordinal));
        Assert.DoesNotContain(withoutUsage, d => d.Contains("\"choices\":[]", StringComparison.Ordinal));
        Assert.Equal(withUsage.Count - 1, withoutUsage.Count);
        Assert.Equal("[DONE]", withoutUsage[^1]);
    }

    [Fact]
    public async Task JsonEntry_StreamClientWithoutIncludeUsage_GetsNoUsageChunk()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        using var first = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("json then plain stream"));
        var (hit, data) = await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("json then plain stream", includeUsage: false));

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal("text/event-stream", hit.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(data, d => d.Contains("\"usage\"", StringComparison.Ordinal));
        var last = JsonDocument.Parse(data[^2]).RootElement;
        Assert.Equal("stop", last.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
