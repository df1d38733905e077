using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>Two proxies, each with its own memory and SQLite file, sharing one Redis and one upstream (no S3).</summary>
public sealed class RedisSharedTierTests
{
    [Fact]
    public async Task SecondInstance_SameRedis_AnswersFromRedisAndUpstreamCalledOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings());
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, redis.ProxySettings());

        using var fromA = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("shared through redis"));
        var bodyA = await fromA.Content.ReadAsByteArrayAsync();
        await RedisTestHelpers.WaitForEntryAsync(redis, fromA.Header("X-Cache-Key")!);
        using var fromB = await b.Http.SendAsync(ChatRequests.Body("shared through redis"));
        using var againB = await b.Http.SendAsync(ChatRequests.Body("shared through redis"));

        Assert.Equal("MISS", fromA.Header("X-Cache"));
        Assert.Equal("HIT", fromB.Header("X-Cache"));
        Assert.Equal("redis", fromB.Header("X-Cache-Tier"));
        Assert.Equal("memory", againB.Header("X-Cache-Tier"));
        Assert.Equal(bodyA, await fromB.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task StoredEntry_HasTheDefaultTtlInRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings(new Dictionary<string, string?>
        {
            ["Cache:Redis:DefaultTtlSeconds"] = "600",
        }));

        using var stored = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("expires in redis"));
        string key = stored.Header("X-Cache-Key")!;
        await RedisTestHelpers.WaitForEntryAsync(redis, key);
        var ttl = await redis.Database().KeyTimeToLiveAsync(RedisTestHelpers.EntryKey(key));

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(500), TimeSpan.FromSeconds(600));
    }
}
