using System.Text.Json;
using Amazon.S3.Model;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.Storage;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>Entry objects stay readable by standard tools: a zstd frame named .json.zst with Content-Encoding, or plain JSON.</summary>
public sealed class S3CompressionTests
{
    [Fact]
    public async Task Zstd_EntryObject_IsAZstdFrameWithContentEncodingAndPlainSidecar()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(AtRest.Settings("zstd").With(s3.ProxySettings()));
        using var miss = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("compress me"));
        var answer = await miss.Content.ReadAsByteArrayAsync();
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, miss.Header("X-Cache-Key")!);

        var objects = await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "llm-cache/");
        string entryKey = Assert.Single(objects, k => !k.EndsWith(".metadata.json", StringComparison.Ordinal));
        var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = s3.Bucket, Key = entryKey });
        using var zstd = new ZstdSharp.Decompressor();
        var entry = CacheEntrySerializer.Deserialize(zstd.Unwrap(await S3TestHelpers.ReadAsync(client, s3.Bucket, entryKey)).ToArray());
        using var sidecar = JsonDocument.Parse(await S3TestHelpers.ReadAsync(client, s3.Bucket, Assert.Single(objects, k => k.EndsWith(".metadata.json", StringComparison.Ordinal))));

        Assert.EndsWith(".json.zst", entryKey, StringComparison.Ordinal);
        Assert.Equal("zstd", head.Headers.ContentEncoding);
        Assert.Equal(answer, entry!.Response.Body.ToArray());
        Assert.Equal(miss.Header("X-Cache-Key"), sidecar.RootElement.GetProperty("cache_key").GetString());
    }

    [Fact]
    public async Task S3CompressionNone_OverridesCacheCompression_ObjectIsPlainJsonWhileSqliteIsCompressed()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        var settings = AtRest.Settings("zstd").With(s3.ProxySettings(new Dictionary<string, string?> { ["Cache:S3:Compression"] = "none" }));
        await using var ctx = await ProxyTestContext.StartAsync(settings);
        using var miss = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("keep it plain in the bucket"));
        string key = miss.Header("X-Cache-Key")!;
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, key);

        string entryKey = Assert.Single(await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "llm-cache/"), k => !k.EndsWith(".metadata.json", StringComparison.Ordinal));
        var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = s3.Bucket, Key = entryKey });
        var entry = CacheEntrySerializer.Deserialize(await S3TestHelpers.ReadAsync(client, s3.Bucket, entryKey));

        Assert.EndsWith("_" + key[..16] + ".json", entryKey, StringComparison.Ordinal);
        Assert.Null(head.Headers.ContentEncoding);
        Assert.Equal(key, entry!.CacheKey);
        Assert.Equal(0x28, AtRest.Body(ctx.Directory.SqlitePath, key)![0]);
    }

    [Fact]
    public async Task EncryptedAndCompressed_SecondInstance_ReadsTheObjectFromS3()
    {
        await using var s3 = await S3rverServer.StartAsync();
        var settings = AtRest.Settings("zstd", "k1", ("k1", AtRest.Key1)).With(s3.ProxySettings());
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(settings);
        using var miss = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("shared and sealed"));
        var answer = await miss.Content.ReadAsByteArrayAsync();
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, miss.Header("X-Cache-Key")!);

        using var other = new TestDirectory();
        await using var b = await ProxyInstance.StartAsync(ctx.Upstream.BaseAddress, other.SqlitePath, settings);
        using var fromB = await b.Http.SendAsync(ChatRequests.Body("shared and sealed"));

        Assert.Single(await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "llm-cache/"), k => k.EndsWith(".json.zst.enc", StringComparison.Ordinal));
        Assert.Equal(("HIT", "s3"), (fromB.Header("X-Cache"), fromB.Header("X-Cache-Tier")));
        Assert.Equal(answer, await fromB.Content.ReadAsByteArrayAsync());
    }
}
