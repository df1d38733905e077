namespace LlmCacheProxy.Proxy;

/// <summary>What happens to a cacheable-route request: bypassed (and why), or looked up and maybe stored.</summary>
/// <param name="BypassReason">Null when the cache is used; else why not (explain's <c>reason</c>).</param>
/// <param name="Lookup">Look the tiers up for a hit (false under <c>Cache-Control: no-cache</c>).</param>
/// <param name="Store">Store a complete answer (false under <c>no-store</c>).</param>
/// <param name="MayCallUpstream">False under <c>only-if-cached</c>: a miss is answered 504.</param>
internal sealed record CacheDecision(string? BypassReason, bool Lookup, bool Store, bool MayCallUpstream)
{
    public const string NoCredentials = "no_credentials";
    public const string TemperatureAboveMax = "temperature_above_max";
    public const string CacheControlNotAllowed = "cache_control_not_allowed";

    /// <summary>A write control this caller was not granted, as the client wrote it; the request is answered 403.</summary>
    public string? Forbidden { get; init; }

    /// <summary>The entry's TTL the client asked for (<c>X-Cache-TTL</c>) after <c>Cache:MaxTtlSeconds</c>; null = none asked.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>The asked TTL was over <c>Cache:MaxTtlSeconds</c> (or "no expiry") and was cut to it.</summary>
    public bool TtlCapped { get; init; }

    public bool Bypass => BypassReason is not null;
}
