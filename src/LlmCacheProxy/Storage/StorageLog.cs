namespace LlmCacheProxy.Storage;

/// <summary>
/// Storage log events: ids 1102-1104 (kept from when SQLite lived in Caching, so alerts on them still match) and
/// 1700-1799. Keys are logged as a 12-character prefix at most.
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(1102, LogLevel.Information, "SQLite cache opened at {Path} ({Entries} entries, {Bytes} bytes)")]
    public static partial void Opened(ILogger logger, string path, long entries, long bytes);

    [LoggerMessage(1103, LogLevel.Error, "SQLite writer failed to commit a batch of {Count} writes")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1104, LogLevel.Information, "SQLite cache evicted {Count} least recently hit entries to stay under {MaxBytes} bytes")]
    public static partial void Evicted(ILogger logger, int count, long maxBytes);

    [LoggerMessage(1701, LogLevel.Error, "SQLite writer: {Count} more batches failed in the last minute (first failure logged above)")]
    public static partial void FailuresSuppressed(ILogger logger, int count);

    [LoggerMessage(1702, LogLevel.Warning, "SQLite file over Cache:Sqlite:MaxBytes ({MaxBytes}) with no entry left: dropped {OutboxRows} queued S3 uploads and {UsageRows} usage rows, oldest first")]
    public static partial void EvictedBeyondEntries(ILogger logger, int outboxRows, int usageRows, long maxBytes);

    [LoggerMessage(1703, LogLevel.Warning, "SQLite file uses {UsedBytes} bytes, over Cache:Sqlite:MaxBytes ({MaxBytes}), with nothing left to evict (schema and invalidations only)")]
    public static partial void NothingLeftToEvict(ILogger logger, long usedBytes, long maxBytes);

    [LoggerMessage(1704, LogLevel.Error, "SQLite file {Path} could not be read ({Cause}): moved aside to {MovedTo}; starting with a fresh, empty database")]
    public static partial void MovedAside(ILogger logger, string path, string movedTo, string cause);

    [LoggerMessage(1705, LogLevel.Error, "SQLite database {Path} is off ({Cause}): no file can be opened or made there; answers come from memory and upstream, and usage, invalidations and S3 uploads are not kept")]
    public static partial void Unavailable(ILogger logger, string path, string cause);

    [LoggerMessage(1706, LogLevel.Warning, "SQLite file {Path} vanished while running (deleted?): making it afresh; what it held is gone")]
    public static partial void FileVanished(ILogger logger, string path);

    [LoggerMessage(1700, LogLevel.Information, "SQLite schema of {Path} migrated from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string path, int from, int to);
}
