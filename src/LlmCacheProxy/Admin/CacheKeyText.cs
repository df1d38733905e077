namespace LlmCacheProxy.Admin;

/// <summary>A cache key as the admin API accepts it: 64 lowercase hex characters (SHA-256).</summary>
internal static class CacheKeyText
{
    public static bool IsValid(string? key) =>
        key is { Length: 64 } && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
