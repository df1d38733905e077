using System.Globalization;
using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>What a miss leaves in the bucket: names and contents of every object, read back through the SDK.</summary>
public sealed class S3LayoutTests
{
    [Fact]
    public async Task Miss_WithPrefix_UploadsEntryMetadataAndPointerUnderTemporalNames()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings(new Dictionary<string, string?> { ["Cache:S3:Prefix"] = "team-a/" }));

        using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("layout please", model: "openai/GPT-4o-mini"));
        var answer = await response.Content.ReadAsByteArrayAsync();
        string key = response.Header("X-Cache-Key")!;
        await Poll.AssertEventuallyAsync(async () =>
        {
            await ctx.Proxy.FlushAsync();
            return S3TestHelpers.OutboxCount(ctx.Proxy) == 0 &&
                (await S3TestHelpers.ListKeysAsync(client, s3.Bucket)).Contains(S3TestHelpers.PointerKey(key, "team-a/"));
        }, "the upload", S3TestHelpers.Patience);

        var keys = await S3TestHelpers.ListKeysAsync(client, s3.Bucket);
        // Compressed by default: a standard zstd frame of the entry document.
        using var zstd = new ZstdSharp.Decompressor();
        var stored = await S3TestHelpers.ReadAsync(client, s3.Bucket, keys.Single(k => k.EndsWith(".json.zst") && k.Contains("/llm-cache/")));
        var entry = CacheEntrySerializer.Deserialize(zstd.Unwrap(stored).ToArray())!;
        var hour = entry.CreatedAt.UtcDateTime;
        string folder = string.Create(CultureInfo.InvariantCulture, $"team-a/llm-cache/openai-gpt-4o-mini/{hour:yyyy}/{hour:MM}/{hour:dd}/{hour:HH}/");
        string cacheId = "openai-gpt-4o-mini_" + key[..16];
        Assert.Equal(
            new[] { S3TestHelpers.PointerKey(key, "team-a/"), folder + cacheId + ".json.zst", folder + cacheId + ".metadata.json" }.Order(StringComparer.Ordinal),
            keys.Order(StringComparer.Ordinal));
        Assert.Equal(key, entry.CacheKey);
        Assert.Equal(cacheId, entry.CacheId);
        Assert.Equal(answer, entry.Response.Body.ToArray());

        using var metadata = JsonDocument.Parse(await S3TestHelpers.ReadAsync(client, s3.Bucket, folder + cacheId + ".metadata.json"));
        Assert.Equal(key, metadata.RootElement.GetProperty("cache_key").GetString());
        Assert.False(metadata.RootElement.TryGetProperty("request", out _));
        Assert.False(metadata.RootElement.TryGetProperty("response", out _));

        var pointer = S3Pointer.Deserialize(await S3TestHelpers.ReadAsync(client, s3.Bucket, S3TestHelpers.PointerKey(key, "team-a/")))!;
        Assert.Equal(folder + cacheId + ".json.zst", pointer.ObjectKey);
        Assert.Equal("openai/gpt-4o-mini", pointer.Model);
        Assert.Equal(entry.CreatedAt, pointer.CreatedAt);
    }

    [Fact]
    public async Task Manifest_ForTheDay_ListsEveryEntryOfThatDay()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        using var first = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("manifest one"));
        using var second = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("manifest two", model: "gpt-4o"));
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, first.Header("X-Cache-Key")!, second.Header("X-Cache-Key")!);
        var entryKeys = (await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "llm-cache/")).Where(k => !k.EndsWith(".metadata.json")).ToList();
        var day = DateOnly.ParseExact(string.Join('-', entryKeys[0].Split('/')[2..5]), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        entryKeys = entryKeys.Where(k => k.Contains(string.Create(CultureInfo.InvariantCulture, $"/{day:yyyy}/{day:MM}/{day:dd}/"))).ToList();

        int count = await ctx.Proxy.Services.GetRequiredService<S3ManifestWriter>().WriteAsync(day, CancellationToken.None);

        using var manifest = JsonDocument.Parse(await S3TestHelpers.ReadAsync(client, s3.Bucket, $"cache-index/by-date/{day:yyyy-MM-dd}.json"));
        var listed = manifest.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("object_key").GetString()!).ToList();
        Assert.Equal(2, entryKeys.Count);
        Assert.Equal(entryKeys.Count, count);
        Assert.NotEmpty(listed);
        Assert.Equal(entryKeys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
