using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>
/// Invalidations and entry changes on one instance reach the others on the Redis channel. S3 is off, so there is no
/// poll that could carry them instead.
/// </summary>
public sealed class RedisInvalidationTests
{
    [Fact]
    public async Task InvalidateOnA_WithoutS3_BMissesThroughTheChannel()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings(AdminApi.Settings()));
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, redis.ProxySettings());
        string body = ChatRequests.Body("invalidate me everywhere");
        using var stored = await ctx.Proxy.Http.SendAsync(body);
        await RedisTestHelpers.WaitForEntryAsync(redis, stored.Header("X-Cache-Key")!);
        using var hitOnB = await b.Http.SendAsync(body);
        using var memoryHitOnB = await b.Http.SendAsync(body);

        var (invalidated, _) = await ctx.Proxy.InvalidateAsync(new { model = "gpt-4o-mini" });
        var epochsOfB = b.Services.GetRequiredService<InvalidationEpochs>();
        await Poll.AssertEventuallyAsync(() => epochsOfB.Snapshot.ContainsKey("model:gpt-4o-mini"), "B to hear the epoch on the channel");
        using var afterOnB = await b.Http.SendAsync(body);

        Assert.True(invalidated.IsSuccessStatusCode);
        Assert.Equal("redis", hitOnB.Header("X-Cache-Tier"));
        Assert.Equal("memory", memoryHitOnB.Header("X-Cache-Tier"));
        Assert.Equal("MISS", afterOnB.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task InstanceStartedAfterAnInvalidation_ReadsTheEpochFromRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings(AdminApi.Settings()));
        var (invalidated, _) = await ctx.Proxy.InvalidateAsync(new { model = "gpt-4o-mini" });
        var epochOfA = ctx.Proxy.Services.GetRequiredService<InvalidationEpochs>().Snapshot["model:gpt-4o-mini"];
        await Poll.AssertEventuallyAsync(() => redis.Database().HashExistsAsync(RedisTestHelpers.Prefix + "epochs", "model:gpt-4o-mini"),
            "A to write the epoch to Redis");

        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, redis.ProxySettings());

        Assert.True(invalidated.IsSuccessStatusCode);
        Assert.Equal(epochOfA, b.Services.GetRequiredService<InvalidationEpochs>().Snapshot["model:gpt-4o-mini"]);
    }

    [Fact]
    public async Task AdminDeleteOnA_RemovesBsOwnCopies()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings(AdminApi.Settings()));
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, redis.ProxySettings());
        string body = ChatRequests.Body("delete me everywhere");
        using var stored = await ctx.Proxy.Http.SendAsync(body);
        string key = stored.Header("X-Cache-Key")!;
        await RedisTestHelpers.WaitForEntryAsync(redis, key);
        using var hitOnB = await b.Http.SendAsync(body);
        await b.FlushAsync(); // B's promoted copy is in its SQLite file too
        Assert.True(await RedisTestHelpers.InMemoryAsync(b, key));

        var (deleted, _) = await ctx.Proxy.InvalidateAsync(new { key });
        await Poll.AssertEventuallyAsync(async () => !await RedisTestHelpers.InMemoryAsync(b, key), "B to drop its memory copy");
        await b.FlushAsync();
        using var afterOnB = await b.Http.SendAsync(body);

        Assert.True(deleted.IsSuccessStatusCode);
        Assert.Equal("redis", hitOnB.Header("X-Cache-Tier"));
        Assert.Equal("MISS", afterOnB.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task NoCacheRefreshOnA_BServesTheNewAnswer()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings());
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, redis.ProxySettings());
        string body = ChatRequests.Body("refresh me everywhere");
        using var first = await ctx.Proxy.Http.SendAsync(body);
        string key = first.Header("X-Cache-Key")!;
        await RedisTestHelpers.WaitForEntryAsync(redis, key);
        using var hitOnB = await b.Http.SendAsync(body);
        string oldAnswer = await hitOnB.Content.ReadAsStringAsync();

        using var refreshed = await ctx.Proxy.ChatAsync(body, headers: ("Cache-Control", "no-cache"));
        string newAnswer = await refreshed.Content.ReadAsStringAsync();
        await Poll.AssertEventuallyAsync(async () => !await RedisTestHelpers.InMemoryAsync(b, key), "B to drop its old memory copy");
        await b.FlushAsync();
        using var afterOnB = await b.Http.SendAsync(body);

        Assert.NotEqual(oldAnswer, newAnswer); // the fake answers every call with a fresh id
        Assert.Equal("HIT", afterOnB.Header("X-Cache"));
        Assert.Equal("redis", afterOnB.Header("X-Cache-Tier"));
        Assert.Equal(newAnswer, await afterOnB.Content.ReadAsStringAsync());
    }
}
