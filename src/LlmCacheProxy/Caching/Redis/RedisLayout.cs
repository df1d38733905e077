using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// Where things live on the server, every name under <c>Cache:Redis:KeyPrefix</c> (default <c>llmcache:</c>):
/// <code>
/// {prefix}entry:{key}   the entry in its stored form (EntryCodec: plain, zstd or encrypted, as SQLite), PX = the entry's TTL
/// {prefix}lease:{key}   a cold key's fleet lease: "{instance}:{nonce}", PX = LeaseSeconds, renewed by its leader
/// {prefix}epochs        hash: scope -> before (UTC ISO 8601, round-trip form), each field only moves forward
/// {channel}             pub/sub: RedisMessage documents (default {prefix}events)
/// </code>
/// The full key is in the name (and checked inside the document), so no two keys can share an entry.
/// </summary>
internal sealed class RedisLayout(RedisOptions options)
{
    private readonly string _prefix = options.KeyPrefix;

    public RedisKey Epochs => _prefix + "epochs";

    public RedisChannel Channel { get; } = RedisChannel.Literal(options.EffectiveChannel);

    public RedisKey Entry(string key) => _prefix + "entry:" + key;

    public RedisKey Lease(string key) => _prefix + "lease:" + key;
}
