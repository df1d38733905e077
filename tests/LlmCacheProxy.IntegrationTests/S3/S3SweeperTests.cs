using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.S3;

public sealed class S3SweeperTests
{
    [Fact]
    public async Task Sweep_AfterModelInvalidated_DeletesOnlyThatModelsObjects()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        using var dead = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("sweep me", model: "gpt-4o-mini"));
        using var live = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("keep me", model: "gpt-4o"));
        string liveKey = live.Header("X-Cache-Key")!;
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, dead.Header("X-Cache-Key")!, liveKey);
        ctx.Proxy.Services.GetRequiredService<InvalidationEpochs>().Set(InvalidationEpochs.ModelScope("gpt-4o-mini"), DateTimeOffset.UtcNow);

        int deleted = await ctx.Proxy.Services.GetRequiredService<S3Sweeper>().SweepAsync(CancellationToken.None);

        var left = (await S3TestHelpers.ListKeysAsync(client, s3.Bucket)).Where(k => !k.StartsWith("cache-index/global/")).ToList();
        Assert.Equal(1, deleted);
        Assert.Equal(3, left.Count);
        Assert.Contains(S3TestHelpers.PointerKey(liveKey), left);
        Assert.All(left, k => Assert.DoesNotContain("gpt-4o-mini", k));
    }
}
