using System.ComponentModel;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// One entry of <c>Proxy:ClientKeys</c>: a plain string (the key itself: may read shared entries, may not write them)
/// or an object <c>{ "Key": ..., "Name": ..., "AllowedCacheControls": ["no-cache", "no-store", "ttl"] }</c>. The
/// converter lets both forms bind to this one type.
/// </summary>
[TypeConverter(typeof(ClientKeyConverter))]
internal sealed class ClientKey
{
    /// <summary>What <see cref="AllowedCacheControls"/> may list (<c>ttl</c> is <c>X-Cache-TTL</c>).</summary>
    public static readonly IReadOnlyDictionary<string, CacheWriteGrants> ControlNames =
        new Dictionary<string, CacheWriteGrants>(StringComparer.OrdinalIgnoreCase)
        {
            ["no-cache"] = CacheWriteGrants.NoCache,
            ["no-store"] = CacheWriteGrants.NoStore,
            ["ttl"] = CacheWriteGrants.Ttl,
            [CacheHeaders.Ttl] = CacheWriteGrants.Ttl,
        };

    public string Key { get; set; } = "";

    /// <summary>A label for the operator (never logged with the key).</summary>
    public string Name { get; set; } = "";

    public string[] AllowedCacheControls { get; set; } = [];

    /// <summary>The granted controls; unknown names grant nothing (the validator reports them).</summary>
    public CacheWriteGrants Grants =>
        AllowedCacheControls.Aggregate(CacheWriteGrants.None,
            (grants, name) => grants | ControlNames.GetValueOrDefault(name.Trim(), CacheWriteGrants.None));
}
