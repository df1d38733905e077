namespace LlmCacheProxy.Proxy;

internal static class CacheHeaders
{
    public const string Cache = "X-Cache";
    public const string Tier = "X-Cache-Tier";
    public const string Key = "X-Cache-Key";
    public const string Namespace = "X-Cache-Namespace";
    public const string Ttl = "X-Cache-TTL";
    public const string TtlCapped = "X-Cache-TTL-Capped";
    /// <summary>On a <c>PARTIAL</c> answer: <c>k/n</c>, k of the request's n items answered from cache.</summary>
    public const string Hits = "X-Cache-Hits";

    public static string ToHeaderValue(this CacheOutcome outcome) => outcome switch
    {
        CacheOutcome.Hit => "HIT",
        CacheOutcome.Miss => "MISS",
        CacheOutcome.Bypass => "BYPASS",
        CacheOutcome.Coalesced => "COALESCED",
        CacheOutcome.Stale => "STALE",
        CacheOutcome.Partial => "PARTIAL",
        _ => "BYPASS",
    };
}
