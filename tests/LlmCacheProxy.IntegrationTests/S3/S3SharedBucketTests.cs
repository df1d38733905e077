using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>Two proxies, each with its own memory and SQLite file, sharing one bucket and one upstream.</summary>
public sealed class S3SharedBucketTests
{
    [Fact]
    public async Task SecondInstance_SameBucket_AnswersFromS3AndUpstreamCalledOnce()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, s3.ProxySettings());

        using var fromA = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("shared across instances"));
        var bodyA = await fromA.Content.ReadAsByteArrayAsync();
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, fromA.Header("X-Cache-Key")!);
        using var fromB = await b.Http.SendAsync(ChatRequests.Body("shared across instances"));
        using var againB = await b.Http.SendAsync(ChatRequests.Body("shared across instances"));

        Assert.Equal("MISS", fromA.Header("X-Cache"));
        Assert.Equal("HIT", fromB.Header("X-Cache"));
        Assert.Equal("s3", fromB.Header("X-Cache-Tier"));
        Assert.Equal("memory", againB.Header("X-Cache-Tier"));
        Assert.Equal(bodyA, await fromB.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }
}
