using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Proxy;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task ConcurrentIdenticalMisses_CallUpstreamOnce()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(500);
        string body = ChatRequests.Body("stampede");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ctx.Proxy.Http.SendAsync(body)));
        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single(texts.Distinct());
        Assert.Equal(1, responses.Count(r => r.Header("X-Cache") == "MISS"));
        Assert.Equal(19, responses.Count(r => r.Header("X-Cache") is "COALESCED" or "HIT"));
    }
}
