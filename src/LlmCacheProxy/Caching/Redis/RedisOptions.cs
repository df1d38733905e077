namespace LlmCacheProxy.Caching.Redis;

/// <summary>Settings under <c>Cache:Redis</c>. Validated at start-up by <see cref="RedisOptionsValidator"/>.</summary>
internal sealed class RedisOptions
{
    public const string SectionName = "Cache:Redis";

    public bool Enabled { get; set; }
    /// <summary>A StackExchange.Redis connection string (<c>host:port,password=...,ssl=true</c>).</summary>
    public string Configuration { get; set; } = "localhost:6379";
    /// <summary>Prepended to every key and to the default channel, so several fleets can share one server.</summary>
    public string KeyPrefix { get; set; } = "llmcache:";
    /// <summary>A larger entry document stays in the other tiers but is not written to Redis.</summary>
    public long MaxEntryBytes { get; set; } = 1024 * 1024;
    /// <summary>Expiry given to an entry that has none, so Redis memory is always bounded by expiry (plus maxmemory).</summary>
    public long DefaultTtlSeconds { get; set; } = 86_400;
    /// <summary>The pub/sub channel for invalidations and entry changes; empty = <c>{KeyPrefix}events</c>.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Budget of one call on the request path (lookup, lease); past it the call counts as failed.</summary>
    public int OperationTimeoutMilliseconds { get; set; } = 250;
    /// <summary>How long the circuit stays open after Redis failed repeatedly (calls skip Redis meanwhile).</summary>
    public int BreakSeconds { get; set; } = 5;
    /// <summary>
    /// The fleet lease of a cold key: renewed while its leader waits for upstream, so it only runs out when the
    /// leader died; then the next caller leads.
    /// </summary>
    public int LeaseSeconds { get; set; } = 10;
    /// <summary>Writes waiting for Redis; past it new writes are dropped (Redis is a cache, the other tiers keep them).</summary>
    public int WriteQueueCapacity { get; set; } = 1024;

    public string EffectiveChannel => string.IsNullOrEmpty(Channel) ? KeyPrefix + "events" : Channel;
}
