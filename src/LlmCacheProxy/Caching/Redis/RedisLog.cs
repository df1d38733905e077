using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace LlmCacheProxy.Caching.Redis;

/// <summary>Redis log events, ids 1900-1949. Keys are logged as a 12-character prefix at most; never the connection string.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(1900, LogLevel.Information, "Redis tier enabled: {Endpoints}, key prefix '{Prefix}', channel '{Channel}'")]
    public static partial void Enabled(ILogger logger, string endpoints, string prefix, string channel);

    [LoggerMessage(1901, LogLevel.Warning, "Redis is not reachable at start ({Endpoints}); serving without it and reconnecting in the background")]
    public static partial void NotConnectedAtStart(ILogger logger, string endpoints);

    [LoggerMessage(1902, LogLevel.Warning, "Redis connection lost ({ConnectionType}: {Failure}); skipped until it reconnects")]
    public static partial void ConnectionFailed(ILogger logger, string connectionType, string failure);

    [LoggerMessage(1903, LogLevel.Information, "Redis connection restored ({ConnectionType})")]
    public static partial void ConnectionRestored(ILogger logger, string connectionType);

    [LoggerMessage(1904, LogLevel.Warning, "Redis write of {KeyPrefix} failed ({Reason}); dropped (the other tiers keep it)")]
    public static partial void WriteFailed(ILogger logger, string keyPrefix, string reason);

    [LoggerMessage(1905, LogLevel.Warning, "Redis entry for {KeyPrefix} is corrupt or belongs to another key; treated as a miss")]
    public static partial void CorruptEntry(ILogger logger, string keyPrefix);

    [LoggerMessage(1906, LogLevel.Debug, "Redis: entry {KeyPrefix} is {Bytes} bytes, over Cache:Redis:MaxEntryBytes ({Max}); not written to Redis")]
    public static partial void EntryTooLarge(ILogger logger, string keyPrefix, long bytes, long max);

    [LoggerMessage(1907, LogLevel.Warning, "Redis: {Pending} writes still queued at shutdown; dropped")]
    public static partial void DrainTimedOut(ILogger logger, int pending);

    [LoggerMessage(1908, LogLevel.Warning, "Redis subscription deferred ({Reason}); made once the connection is up")]
    public static partial void SubscribeDeferred(ILogger logger, string reason);

    [LoggerMessage(1909, LogLevel.Warning, "Redis invalidation epochs could not be read or written ({Reason}); retried after the next reconnect")]
    public static partial void EpochSyncFailed(ILogger logger, string reason);

    [LoggerMessage(1910, LogLevel.Warning, "Redis: publishing invalidation epochs failed ({Reason}); the next reconnect (or the S3 poll) carries them")]
    public static partial void EpochPublishFailed(ILogger logger, string reason);

    [LoggerMessage(1911, LogLevel.Information, "Redis invalidations: merged {Count} newer epochs")]
    public static partial void EpochsMerged(ILogger logger, int count);

    [LoggerMessage(1912, LogLevel.Warning, "Redis channel message unreadable; ignored")]
    public static partial void UnreadableMessage(ILogger logger);

    [LoggerMessage(1913, LogLevel.Information, "Redis fleet lease on {KeyPrefix} still held after {Seconds} s (Cache:CoalesceWaitSeconds); calling upstream")]
    public static partial void LeaseWaitOver(ILogger logger, string keyPrefix, double seconds);

    [LoggerMessage(1914, LogLevel.Warning,
        "Redis is shared but Cache:PartitionSecret is not set: this instance uses the secret generated in its data folder, so in passthrough mode its keys differ from every other instance's and nothing is shared. Set the same Cache:PartitionSecret on every instance.")]
    public static partial void GeneratedPartitionSecret(ILogger logger);

    /// <summary>A failure's reason for a log line: the kind, no stack trace (expected while Redis is down).</summary>
    public static string Reason(Exception e) => e switch
    {
        BrokenCircuitException => "circuit open",
        TimeoutException => "timed out",
        RedisConnectionException c => "not connected: " + c.FailureType,
        _ => e.GetType().Name,
    };
}
