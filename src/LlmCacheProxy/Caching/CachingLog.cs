using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Caching;

/// <summary>Caching log events, ids 1100-1199. Keys are logged as a 12-character prefix at most.</summary>
internal static partial class CachingLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Cache tier {Tier} failed; treated as a miss")]
    public static partial void TierFailed(ILogger logger, string tier, Exception exception);

    [LoggerMessage(1101, LogLevel.Warning, "Cache tier {Tier} returned an entry whose key does not match {KeyPrefix}; treated as a miss")]
    public static partial void KeyMismatch(ILogger logger, string tier, string keyPrefix);

    [LoggerMessage(1102, LogLevel.Information, "SQLite cache opened at {Path} ({Entries} entries, {Bytes} bytes)")]
    public static partial void SqliteOpened(ILogger logger, string path, long entries, long bytes);

    [LoggerMessage(1103, LogLevel.Error, "SQLite writer failed to commit a batch of {Count} writes")]
    public static partial void SqliteBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1104, LogLevel.Information, "SQLite cache evicted {Count} least recently hit entries to stay under {MaxBytes} bytes")]
    public static partial void SqliteEvicted(ILogger logger, int count, long maxBytes);

    [LoggerMessage(1105, LogLevel.Warning, "SQLite entry {KeyPrefix} could not be read; treated as a miss")]
    public static partial void SqliteCorruptEntry(ILogger logger, string keyPrefix);
}
