namespace LlmCacheProxy.Caching;

/// <summary>Caching log events, ids 1100-1199 (1102-1104 moved to Storage with the database). Keys are logged as a 12-character prefix at most.</summary>
internal static partial class CachingLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Cache tier {Tier} failed on {Operation}; treated as a miss")]
    public static partial void TierFailed(ILogger logger, string tier, string operation, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "Cache tier {Tier} returned an entry whose key does not match {KeyPrefix}; treated as a miss")]
    public static partial void KeyMismatch(ILogger logger, string tier, string keyPrefix);

    [LoggerMessage(1105, LogLevel.Warning, "SQLite entry {KeyPrefix} could not be read ({Reason}); treated as a miss and dropped")]
    public static partial void SqliteCorruptEntry(ILogger logger, string keyPrefix, Codec.DecodeFailure reason);
}
