using Amazon.S3.Model;
using Amazon.S3;
using LlmCacheProxy.Caching.S3;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.S3;

internal static class S3TestHelpers
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Every object name under <paramref name="prefix"/>, through the SDK. Pages stay at the default 1000: s3rver
    /// walks folders in file-system order, so with small pages and keys like "gpt-4o/" and "gpt-4o-mini/" its
    /// continuation skips objects (real S3 lists in key order).
    /// </summary>
    public static async Task<List<string>> ListKeysAsync(IAmazonS3 client, string bucket, string prefix = "")
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return keys;
    }

    public static async Task<byte[]> ReadAsync(IAmazonS3 client, string bucket, string key)
    {
        using var response = await client.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public static Task PutAsync(IAmazonS3 client, string bucket, string key, byte[] body) =>
        client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(body),
            UseChunkEncoding = false,
        });

    public static string PointerKey(string key, string prefix = "") => $"{prefix}cache-index/by-hash/{key[..2]}/{key}.json";

    public static long OutboxCount(ProxyInstance proxy) => proxy.Services.GetRequiredService<LlmCacheProxy.Storage.OutboxStore>().Count();

    /// <summary>Waits until the outbox is empty and every given key's pointer is in the bucket.</summary>
    public static Task WaitForUploadsAsync(ProxyInstance proxy, S3rverServer server, IAmazonS3 client, params string[] keys) =>
        Poll.AssertEventuallyAsync(async () =>
        {
            await proxy.FlushAsync();
            if (OutboxCount(proxy) != 0)
            {
                return false;
            }

            var stored = (await ListKeysAsync(client, server.Bucket, "cache-index/by-hash/")).ToHashSet(StringComparer.Ordinal);
            return keys.All(k => stored.Contains(PointerKey(k)));
        }, "the outbox to drain into the bucket", Patience);
}
