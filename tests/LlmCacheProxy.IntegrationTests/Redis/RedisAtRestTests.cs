using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.Storage;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>Redis holds entries in SQLite's stored form: encryption at rest covers the shared server too.</summary>
public sealed class RedisAtRestTests
{
    [Fact]
    public async Task EncryptionOn_RedisValueHoldsNoPromptOrAnswerText_AndAnotherInstanceStillHits()
    {
        string prompt = "violet-otter-" + Guid.NewGuid().ToString("N");
        await using var redis = await RedisServer.StartAsync();
        var settings = redis.ProxySettings(AtRest.Settings("none", "k1", ("k1", AtRest.Key1)));
        await using var ctx = await ProxyTestContext.StartAsync(settings);
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, settings);

        using var stored = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(prompt));
        string key = stored.Header("X-Cache-Key")!;
        await RedisTestHelpers.WaitForEntryAsync(redis, key);
        byte[] value = (byte[])(await redis.Database().StringGetAsync(RedisTestHelpers.EntryKey(key)))!;
        using var fromB = await b.Http.SendAsync(ChatRequests.Body(prompt));

        string text = Encoding.UTF8.GetString(value);
        Assert.DoesNotContain(prompt, text, StringComparison.Ordinal);
        Assert.DoesNotContain("echo:", text, StringComparison.Ordinal);
        Assert.NotEqual((byte)'{', value[0]);
        Assert.Equal("redis", fromB.Header("X-Cache-Tier"));
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }
}
