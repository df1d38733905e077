using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>
/// The server-side steps that must not interleave with another instance's: a lease is renewed or released only by
/// the holder of its token, and an epoch field only moves forward. Plain EVAL (StackExchange.Redis caches the script
/// and sends EVALSHA), which Redis 6+ and Valkey run alike.
/// </summary>
internal static class RedisScripts
{
    private const string Release = """
        if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
        return 0
        """;

    private const string Renew = """
        if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
        return 0
        """;

    // Round-trip UTC times have one length, so comparing them as strings compares them as times.
    private const string MergeEpochs = """
        local moved = 0
        for i = 1, #ARGV, 2 do
          local current = redis.call('hget', KEYS[1], ARGV[i])
          if (not current) or current < ARGV[i + 1] then
            redis.call('hset', KEYS[1], ARGV[i], ARGV[i + 1])
            moved = moved + 1
          end
        end
        return moved
        """;

    public static async Task<bool> ReleaseAsync(IDatabaseAsync db, RedisKey lease, string token) =>
        (long)await db.ScriptEvaluateAsync(Release, [lease], [token]).ConfigureAwait(false) == 1;

    public static async Task<bool> RenewAsync(IDatabaseAsync db, RedisKey lease, string token, TimeSpan ttl) =>
        (long)await db.ScriptEvaluateAsync(Renew, [lease], [token, (long)ttl.TotalMilliseconds]).ConfigureAwait(false) == 1;

    /// <summary>Writes the epochs that are later than the server's; returns how many moved.</summary>
    public static async Task<long> MergeEpochsAsync(IDatabaseAsync db, RedisKey hash, IReadOnlyDictionary<string, DateTimeOffset> epochs)
    {
        var args = new RedisValue[epochs.Count * 2];
        int i = 0;
        foreach (var (scope, before) in epochs)
        {
            args[i++] = scope;
            args[i++] = RedisMessage.Time(before);
        }

        return (long)await db.ScriptEvaluateAsync(MergeEpochs, [hash], args).ConfigureAwait(false);
    }
}
