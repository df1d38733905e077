using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>Whatever sits under a by-hash key (garbage, another key's entry) is a miss, never an error.</summary>
public sealed class S3CorruptObjectTests
{
    [Fact]
    public async Task GarbageUnderPointerKey_IsMissAndAnswered()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        using var first = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("corrupt pointer"));
        string key = first.Header("X-Cache-Key")!;
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, key);
        await S3TestHelpers.PutAsync(client, s3.Bucket, S3TestHelpers.PointerKey(key), Encoding.UTF8.GetBytes("{not json at all"));

        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, s3.ProxySettings());
        using var fromB = await b.Http.SendAsync(ChatRequests.Body("corrupt pointer"));

        Assert.Equal(System.Net.HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal("MISS", fromB.Header("X-Cache"));
        Assert.Contains("echo: corrupt pointer", await fromB.Content.ReadAsStringAsync());
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task PointerToAnotherKeysEntry_IsMissAndAnswered()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        using var victim = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("victim question"));
        using var foreign = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("foreign question"));
        string victimKey = victim.Header("X-Cache-Key")!;
        string foreignKey = foreign.Header("X-Cache-Key")!;
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, victimKey, foreignKey);
        // The foreign key's pointer, copied verbatim under the victim's key: it names another key's entry.
        var foreignPointer = await S3TestHelpers.ReadAsync(client, s3.Bucket, S3TestHelpers.PointerKey(foreignKey));
        await S3TestHelpers.PutAsync(client, s3.Bucket, S3TestHelpers.PointerKey(victimKey), foreignPointer);

        using var otherDirectory = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, otherDirectory.SqlitePath, s3.ProxySettings());
        using var fromB = await b.Http.SendAsync(ChatRequests.Body("victim question"));

        Assert.Equal("MISS", fromB.Header("X-Cache"));
        Assert.Contains("echo: victim question", await fromB.Content.ReadAsStringAsync());
        Assert.Equal(3, ctx.Upstream.ChatCalls);
    }
}
