namespace LlmCacheProxy.Caching;

/// <summary>Caching log events, ids 1100-1199 (1102-1104 moved to Storage with the database). Keys are logged as a 12-character prefix at most.</summary>
internal static partial class CachingLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Cache tier {Tier} failed on {Operation}; treated as a miss")]
    public static partial void TierFailed(ILogger logger, string tier, string operation, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "Cache tier {Tier} returned an entry whose key does not match {KeyPrefix}; treated as a miss")]
    public static partial void KeyMismatch(ILogger logger, string tier, string keyPrefix);

    [LoggerMessage(1106, LogLevel.Information, "Warm-up: {Entries} entries ({Bytes} bytes) read from SQLite so far")]
    public static partial void WarmupProgress(ILogger logger, int entries, long bytes);

    [LoggerMessage(1107, LogLevel.Information, "Warm-up done: {Entries} entries ({Bytes} bytes) into memory in {ElapsedMs} ms; {Skipped} skipped (dead or unreadable)")]
    public static partial void WarmupDone(ILogger logger, int entries, long bytes, long elapsedMs, int skipped);

    [LoggerMessage(1108, LogLevel.Warning, "Warm-up stopped after {Entries} entries: SQLite could not be read; the rest are read on demand")]
    public static partial void WarmupFailed(ILogger logger, int entries, Exception exception);

    [LoggerMessage(1105, LogLevel.Warning, "SQLite entry {KeyPrefix} could not be read ({Reason}); treated as a miss and dropped")]
    public static partial void SqliteCorruptEntry(ILogger logger, string keyPrefix, Codec.DecodeFailure reason);
}
