using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Reliability;

public sealed class ReliabilitySingleFlightTests
{
    [Fact]
    public async Task HundredConcurrentMisses_OneUpstreamCall_WaitersCoalesced()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(1000);
        string body = ChatRequests.Body("hundred callers");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => ctx.Proxy.Http.SendAsync(body)));
        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single(texts.Distinct());
        Assert.Equal(1, responses.Count(r => r.Header("X-Cache") == "MISS"));
        Assert.Equal(99, responses.Count(r => r.Header("X-Cache") is "COALESCED" or "HIT"));
    }

    [Fact]
    public async Task LeaderGets500_WaitersShareTheErrorAndNothingIsStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(800);
        string body = ChatRequests.Body("fail please [[status=500]]");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ctx.Proxy.Http.SendAsync(body)));

        // Rule (FlightOutcome): a complete error answer is handed to the waiters as it was.
        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.All(responses, r => Assert.Equal(500, (int)r.StatusCode));
        Assert.Equal(19, responses.Count(r => r.Header("X-Cache") == "COALESCED"));
        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Contains("forced status 500", Assert.Single(texts.Distinct()), StringComparison.Ordinal);
        await ctx.Proxy.FlushAsync();
        Assert.Equal(0, ctx.Proxy.Services.GetRequiredService<SqliteDatabase>().EntryCount);
    }

    [Fact]
    public async Task LeaderAborts_WaitersRetryAndNothingIsStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(500);
        string body = ChatRequests.Body("cut me off [[abort]]");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                using var response = await ctx.Proxy.Http.SendAsync(body);
                await response.Content.ReadAsByteArrayAsync();
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return -1; // the aborted answer reached the client as a broken stream
            }
        }));

        // Rule (FlightOutcome): no complete answer means waiters retry with a new leader, never get the torn one.
        Assert.True(ctx.Upstream.ChatCalls > 1, $"waiters did not retry: {ctx.Upstream.ChatCalls} upstream calls");
        Assert.DoesNotContain(200, outcomes);
        await ctx.Proxy.FlushAsync();
        Assert.Equal(0, ctx.Proxy.Services.GetRequiredService<SqliteDatabase>().EntryCount);
        var healthy = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("after the aborts"));
        Assert.True(healthy.IsSuccessStatusCode);
    }
}
