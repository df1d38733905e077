using System.Net;
using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Streaming;

/// <summary>Upstream answers a careless cache would store but cannot replay faithfully: never stored.</summary>
public sealed class HostileShapeTests
{
    [Fact]
    public async Task JsonSeqAnswer_IsPassedOnButNeverStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("records please [[json-seq]]");

        using var first = await ctx.Proxy.Http.SendAsync(body);
        using var second = await ctx.Proxy.Http.SendAsync(body);

        Assert.Equal("application/json-seq", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("MISS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
        Assert.Equal(0, await RawStream.StoredEntriesAsync(ctx));
    }

    [Fact]
    public async Task MultilineDataEvent_HitReplaysTheUpstreamBytesExactly()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("two lines for one event [[multiline-data]]", stream: true);

        var (miss, missText) = await ReadAllAsync(ctx.Proxy.Http, body);
        var (hit, hitText) = await ReadAllAsync(ctx.Proxy.Http, body);

        Assert.Equal("MISS", miss.Header("X-Cache"));
        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Contains(",\ndata: ", missText, StringComparison.Ordinal);
        Assert.Equal(missText, hitText);
    }

    private static async Task<(HttpResponseMessage Response, string Text)> ReadAllAsync(HttpClient http, string body)
    {
        using var request = ChatRequests.Post(body);
        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("[[created-null]]", true)]
    [InlineData("[[created-null]]", false)]
    [InlineData("[[created-string]]", true)]
    [InlineData("[[created-string]]", false)]
    [InlineData("[[tool-calls-garbage]]", false)]
    public async Task AnswerThatCannotBeServedTheOtherWay_IsNotStored(string directive, bool stream)
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string text = "one entry two clients " + directive;

        var (first, _) = await ReadAllAsync(ctx.Proxy.Http, ChatRequests.Body(text, stream: stream));
        long stored = await RawStream.StoredEntriesAsync(ctx);
        var (other, _) = await ReadAllAsync(ctx.Proxy.Http, ChatRequests.Body(text, stream: !stream));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(0, stored);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("MISS", other.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task EventStreamOfNonJsonData_IsNotStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("plain words [[non-json-events]]", stream: true);

        var (_, firstText) = await ReadAllAsync(ctx.Proxy.Http, body);
        var (second, _) = await ReadAllAsync(ctx.Proxy.Http, body);
        long stored = await RawStream.StoredEntriesAsync(ctx);
        using var json = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("plain words [[non-json-events]]"));

        Assert.EndsWith("data: [DONE]\n\n", firstText, StringComparison.Ordinal);
        Assert.Equal("MISS", second.Header("X-Cache"));
        Assert.Equal(0, stored);
        Assert.Equal("MISS", json.Header("X-Cache"));
        Assert.Equal(3, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task StoredStreamEntryThatDoesNotAssemble_JsonClient_IsDeletedAndAnsweredAsAMiss()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string key = await PlantAsync(ctx, "planted stream", new CachedResponse
        {
            ContentType = "text/event-stream",
            Events = ["{\"id\":\"chatcmpl-x\",\"created\":null,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"old\"}}]}"],
        });

        using var served = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("planted stream"));
        using var again = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("planted stream"));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("MISS", served.Header("X-Cache"));
        Assert.Contains("echo: planted stream", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("HIT", again.Header("X-Cache"));
        Assert.Equal(key, again.Header("X-Cache-Key"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task StoredJsonEntryThatDoesNotSynthesize_StreamClient_IsDeletedAndAnsweredAsAMiss()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        await PlantAsync(ctx, "planted json", new CachedResponse
        {
            Body = Encoding.UTF8.GetBytes(
                "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\"," +
                "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"old\",\"tool_calls\":[\"x\"]},\"finish_reason\":\"stop\"}]}"),
        });

        var (served, text) = await ReadAllAsync(ctx.Proxy.Http, ChatRequests.Body("planted json", stream: true));
        var (again, _) = await ReadAllAsync(ctx.Proxy.Http, ChatRequests.Body("planted json", stream: true));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("MISS", served.Header("X-Cache"));
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.Equal("HIT", again.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    /// <summary>Stores <paramref name="response"/> under the key of a chat request for <paramref name="content"/>, as a bad tier would hold it.</summary>
    private static async Task<string> PlantAsync(ProxyTestContext ctx, string content, CachedResponse response)
    {
        using var probe = await ctx.Proxy.ChatAsync(ChatRequests.Body(content), ChatRequests.DefaultKey, ("Cache-Control", "no-store"));
        string key = probe.Header("X-Cache-Key")!;
        var now = DateTimeOffset.UtcNow;
        ctx.Proxy.Services.GetRequiredService<TieredCache>().Set(new CacheEntry
        {
            CacheId = "gpt-4o-mini_" + key[..16],
            CacheKey = key,
            Route = "/v1/chat/completions",
            Model = "gpt-4o-mini",
            Request = "{}"u8.ToArray(),
            RequestTimestamp = now,
            Response = response,
            ResponseTimestamp = now,
        });
        await ctx.Proxy.FlushAsync();
        return key;
    }
}
