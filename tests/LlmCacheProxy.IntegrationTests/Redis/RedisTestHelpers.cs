using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>Waits on the shared server and on an instance's own tiers.</summary>
internal static class RedisTestHelpers
{
    public const string Prefix = "llmcache:";

    public static string EntryKey(string key) => Prefix + "entry:" + key;

    public static string LeaseKey(string key) => Prefix + "lease:" + key;

    /// <summary>Stores go to Redis off the request path: wait until the entry is there.</summary>
    public static Task WaitForEntryAsync(RedisServer redis, string key) =>
        Poll.AssertEventuallyAsync(() => redis.Database().KeyExistsAsync(EntryKey(key)), "the entry to reach Redis");

    public static async Task<bool> InMemoryAsync(ProxyInstance proxy, string key) =>
        await proxy.Services.GetRequiredService<TieredCache>().Tier(CacheTierNames.Memory)!.GetAsync(key, default) is not null;

    /// <summary>The key a request will have, without storing anything (only-if-cached answers 504 with the key).</summary>
    public static async Task<string> KeyOfAsync(ProxyInstance proxy, string body)
    {
        using var response = await Admin.AdminApi.ChatAsync(proxy, body, headers: ("Cache-Control", "only-if-cached"));
        return response.Header("X-Cache-Key") ?? throw new InvalidOperationException("no X-Cache-Key on the only-if-cached answer");
    }

    public static async Task<string> ReadinessAsync(ProxyInstance proxy)
    {
        using var response = await proxy.Http.GetAsync("readyz");
        return await response.Content.ReadAsStringAsync();
    }
}
