// The Responses API is experimental in the OpenAI .NET SDK 2.15 (OPENAI001).
#pragma warning disable OPENAI001
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI.Responses;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary><c>/v1/responses</c> through the proxy with the official SDK: cached, cross-served, bypassed where it must be.</summary>
public sealed class ResponsesCachingTests
{
    [Fact]
    public async Task SameRequestTwice_SdkClient_SecondIsHitWithTheOriginalIdAndOneUpstreamCall()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ResponsesSdk.Client(ctx.Proxy);

        var first = await client.CreateResponseAsync(ResponsesSdk.Model, "What is a cache?");
        await ctx.Proxy.WaitIdleAsync();
        var second = await client.CreateResponseAsync(ResponsesSdk.Model, "What is a cache?");

        Assert.Equal("MISS", first.Header("X-Cache"));
        Assert.Equal("HIT", second.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.ResponsesCalls);
        Assert.Equal(first.Value.Id, second.Value.Id);
        Assert.Equal("echo: What is a cache?", ResponsesSdk.Text(second.Value));
        Assert.Equal(first.Value.Usage.OutputTokenCount, second.Value.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task StreamEntry_JsonClient_GetsTheCompletedResponse()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ResponsesSdk.Client(ctx.Proxy);

        var streamed = await ResponsesSdk.StreamAsync(client, "stream first [[reasoning]]");
        await ctx.Proxy.WaitIdleAsync();
        var json = await client.CreateResponseAsync(ResponsesSdk.Model, "stream first [[reasoning]]");

        Assert.Equal("MISS", streamed.Cache);
        Assert.Equal("HIT", json.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.ResponsesCalls);
        Assert.Equal(streamed.Completed!.Id, json.Value.Id);
        Assert.Equal(streamed.Text, ResponsesSdk.Text(json.Value));
        var reasoning = Assert.IsType<ReasoningResponseItem>(json.Value.OutputItems[0]);
        Assert.Equal(streamed.Summary, Assert.IsType<ReasoningSummaryTextPart>(reasoning.SummaryParts.Single()).Text);
    }

    [Fact]
    public async Task JsonEntry_StreamClient_SdkHelpersGetTextSummaryAndCompletedResponse()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ResponsesSdk.Client(ctx.Proxy);

        var json = await client.CreateResponseAsync(ResponsesSdk.Model, "json first [[reasoning]] [[words=40]]");
        await ctx.Proxy.WaitIdleAsync();
        var streamed = await ResponsesSdk.StreamAsync(client, "json first [[reasoning]] [[words=40]]");

        Assert.Equal("HIT", streamed.Cache);
        Assert.Equal(1, ctx.Upstream.ResponsesCalls);
        Assert.Equal(ResponsesSdk.Text(json.Value), streamed.Text);
        Assert.Equal("thinking about: json first [[reasoning]] [[words=40]]", streamed.Summary);
        Assert.Equal(Enumerable.Range(0, streamed.Sequence.Count), streamed.Sequence);
        Assert.Equal(json.Value.Id, streamed.Completed!.Id);
        Assert.Equal(json.Value.Usage.InputTokenCount, streamed.Completed.Usage.InputTokenCount);
    }

    [Fact]
    public async Task JsonFunctionCallEntry_StreamClient_GetsTheArgumentsDeltas()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ResponsesSdk.Client(ctx.Proxy);

        await client.CreateResponseAsync(ResponsesSdk.Model, "weather please [[tool]]");
        await ctx.Proxy.WaitIdleAsync();
        var streamed = await ResponsesSdk.StreamAsync(client, "weather please [[tool]]");

        Assert.Equal("HIT", streamed.Cache);
        Assert.Equal("{\"city\":\"Paris\"}", streamed.Arguments);
        var call = Assert.IsType<FunctionCallResponseItem>(streamed.Completed!.OutputItems.Single());
        Assert.Equal("get_weather", call.FunctionName);
    }

    [Fact]
    public async Task StreamEntry_StreamClient_ReplaysEventNamesAndSequenceNumbers()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        const string body = """{"model":"gpt-4o-mini","input":"replay me","stream":true}""";

        var (_, original) = await ctx.Proxy.Http.StreamAsync("v1/responses", body);
        await ctx.Proxy.WaitIdleAsync();
        var (hit, replayed) = await ctx.Proxy.Http.StreamAsync("v1/responses", body);

        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal(original, replayed);
        Assert.All(replayed, e => Assert.Equal(e.Event, JsonDocument.Parse(e.Data).RootElement.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(0, replayed.Count),
            replayed.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("sequence_number").GetInt32()));
        Assert.DoesNotContain(replayed, e => e.Data == "[DONE]");
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o-mini","input":"queued job","background":true}""", "background")]
    [InlineData("""{"model":"gpt-4o-mini","input":"in a conversation","conversation":"conv_123"}""", "conversation")]
    public async Task ServerSideState_Bypassed_EveryRequestForwardedAndExplainSaysWhy(string body, string reason)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (first, _) = await ctx.Proxy.Http.PostAsync("v1/responses", body);
        var (second, _) = await ctx.Proxy.Http.PostAsync("v1/responses", body);
        var (_, explain) = await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/explain?route=/v1/responses", body,
            headers: new Dictionary<string, string> { ["X-Client-Authorization"] = "Bearer " + ChatRequests.DefaultKey });

        Assert.Equal("BYPASS", first.Header("X-Cache"));
        Assert.Equal("BYPASS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ResponsesCalls);
        Assert.Equal(reason, explain.GetProperty("reason").GetString());
        Assert.False(explain.GetProperty("cacheable").GetBoolean());
    }

    [Fact]
    public async Task BackgroundRequest_Bypassed_TheLogNamesTheReason()
    {
        var logs = new CapturingLoggerProvider();
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:LlmCacheProxy"] = "Information" });
        ctx.Proxy.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);

        await ctx.Proxy.Http.PostAsync("v1/responses", """{"model":"gpt-4o-mini","input":"queued","background":true}""");

        Assert.Contains(logs.Lines, l => l.Contains("BYPASS", StringComparison.Ordinal) && l.Contains("Reason=background", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[[stream-error]]")]
    [InlineData("[[no-done]]")]
    public async Task StreamWithoutResponseCompleted_NotStored_NextRequestGoesUpstream(string directive)
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = $$"""{"model":"gpt-4o-mini","input":"broken {{directive}}","stream":true}""";

        await ctx.Proxy.Http.StreamAsync("v1/responses", body);
        await ctx.Proxy.WaitIdleAsync();
        var (again, _) = await ctx.Proxy.Http.StreamAsync("v1/responses", body);

        Assert.Equal("MISS", again.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ResponsesCalls);
        Assert.Equal(0, await Streaming.RawStream.StoredEntriesAsync(ctx));
    }

    [Fact]
    public async Task StoreFalse_DifferentEntryFromStoreTrue()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var (a, _) = await ctx.Proxy.Http.PostAsync("v1/responses", """{"model":"gpt-4o-mini","input":"stored or not"}""");
        await ctx.Proxy.WaitIdleAsync();
        var (b, _) = await ctx.Proxy.Http.PostAsync("v1/responses", """{"model":"gpt-4o-mini","input":"stored or not","store":false}""");

        Assert.Equal("MISS", b.Header("X-Cache"));
        Assert.NotEqual(a.Header("X-Cache-Key"), b.Header("X-Cache-Key"));
        Assert.Equal(2, ctx.Upstream.ResponsesCalls);
    }
}
