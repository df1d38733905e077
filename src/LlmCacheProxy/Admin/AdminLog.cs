namespace LlmCacheProxy.Admin;

/// <summary>Admin log events, ids 1300-1399. Scopes and counts only: never a key, token or prompt.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(1300, LogLevel.Information, "Invalidation epoch {Scope} set to {Before:o}; {Dead} entries made dead")]
    public static partial void EpochWritten(ILogger logger, string scope, DateTimeOffset before, long dead);

    [LoggerMessage(1301, LogLevel.Information, "Deleted {Count} entries by {Selector}")]
    public static partial void EntriesDeleted(ILogger logger, long count, string selector);

    [LoggerMessage(1302, LogLevel.Information, "Cache cleared: epoch * set to {Before:o}, memory tier emptied, {Count} entries in SQLite")]
    public static partial void Cleared(ILogger logger, DateTimeOffset before, long count);
}
