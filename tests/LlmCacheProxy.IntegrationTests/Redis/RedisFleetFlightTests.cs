using LlmCacheProxy.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>
/// One upstream call per cold key for the whole fleet: a lease in Redis, waiters on other instances. These test the
/// lease, not a slow Redis (RedisOutageTests do): a Redis call that outlives its timeout makes an instance lead alone by
/// design, and on a loaded test machine the default 250 ms is sometimes too short, so the instances here wait longer.
/// </summary>
public sealed class RedisFleetFlightTests
{
    private static Dictionary<string, string?> Settings(RedisServer redis) =>
        redis.ProxySettings(new Dictionary<string, string?> { ["Cache:Redis:OperationTimeoutMilliseconds"] = "5000" });

    [Fact]
    public async Task TwentyConcurrentColdRequests_SpreadOverTwoInstances_OneUpstreamCall()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(Settings(redis));
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, Settings(redis));
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(1000);
        string body = ChatRequests.Body("twenty callers, two instances");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? ctx.Proxy : b).Http.SendAsync(body)));
        var texts = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Single(texts.Distinct());
        Assert.Equal(1, responses.Count(r => r.Header("X-Cache") == "MISS"));
    }

    [Fact]
    public async Task LeaderOnA_WaiterOnB_ServedWhatALeaderStored()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(Settings(redis));
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, Settings(redis));
        ctx.Upstream.ResponseDelay = TimeSpan.FromMilliseconds(1500);
        string body = ChatRequests.Body("a leads, b waits");
        string key = await RedisTestHelpers.KeyOfAsync(ctx.Proxy, body);

        var onA = ctx.Proxy.Http.SendAsync(body);
        await Poll.AssertEventuallyAsync(() => redis.Database().KeyExistsAsync(RedisTestHelpers.LeaseKey(key)), "A to take the lease");
        using var fromB = await b.Http.SendAsync(body);
        using var fromA = await onA;

        Assert.Equal("MISS", fromA.Header("X-Cache"));
        Assert.Equal("COALESCED", fromB.Header("X-Cache"));
        Assert.Equal("redis", fromB.Header("X-Cache-Tier"));
        Assert.Equal(await fromA.Content.ReadAsStringAsync(), await fromB.Content.ReadAsStringAsync());
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task LeaseOfADeadLeader_RunsOut_AndTheNextCallerLeads()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(Settings(redis));
        string body = ChatRequests.Body("my leader died");
        string key = await RedisTestHelpers.KeyOfAsync(ctx.Proxy, body);

        // A leader that took the lease and died: nobody renews it, nobody stores the entry.
        var taken = DateTimeOffset.UtcNow;
        Assert.True(await redis.Database().StringSetAsync(RedisTestHelpers.LeaseKey(key), "dead-instance:0", TimeSpan.FromMilliseconds(1500), When.NotExists));
        using var response = await ctx.Proxy.Http.SendAsync(body);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("MISS", response.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.ChatCalls);
        // It waited for the lease rather than ignoring it: upstream was called only once the lease had run out.
        var called = Assert.Single(ctx.Upstream.Requests, r => r.Path == "/v1/chat/completions").ReceivedAt;
        Assert.True(called - taken >= TimeSpan.FromMilliseconds(1500), $"upstream called {(called - taken).TotalMilliseconds} ms after the lease was taken");
    }
}
