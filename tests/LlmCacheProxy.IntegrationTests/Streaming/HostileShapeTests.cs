using LlmCacheProxy.IntegrationTests.Infrastructure;

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
}
