using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>An invalidation on one instance reaches the others through cache-index/global/invalidations.json.</summary>
public sealed class S3InvalidationTests
{
    [Fact]
    public async Task EpochSetOnA_WrittenToBucket_HonouredByB()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, s3.ProxySettings());
        using var stored = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("invalidate me"));
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, stored.Header("X-Cache-Key")!);
        using var hitOnB = await b.Http.SendAsync(ChatRequests.Body("invalidate me"));
        Assert.Equal("HIT", hitOnB.Header("X-Cache"));

        var before = DateTimeOffset.UtcNow;
        ctx.Proxy.Services.GetRequiredService<InvalidationEpochs>().Set(InvalidationEpochs.ModelScope("gpt-4o-mini"), before);

        await Poll.AssertEventuallyAsync(async () =>
        {
            var keys = await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "cache-index/global/");
            if (!keys.Contains("cache-index/global/invalidations.json"))
            {
                return false;
            }

            using var doc = JsonDocument.Parse(await S3TestHelpers.ReadAsync(client, s3.Bucket, "cache-index/global/invalidations.json"));
            return doc.RootElement.GetProperty("epochs").TryGetProperty("model:gpt-4o-mini", out var epoch) && epoch.GetDateTimeOffset() == before;
        }, "A to write invalidations.json", S3TestHelpers.Patience);
        var epochsOfB = b.Services.GetRequiredService<InvalidationEpochs>();
        await Poll.AssertEventuallyAsync(
            () => Task.FromResult(epochsOfB.Snapshot.TryGetValue("model:gpt-4o-mini", out var seen) && seen == before),
            "B to merge the epoch from the bucket",
            S3TestHelpers.Patience);
        using var afterOnB = await b.Http.SendAsync(ChatRequests.Body("invalidate me"));

        Assert.Equal("MISS", afterOnB.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }
}
