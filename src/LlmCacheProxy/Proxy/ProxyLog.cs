namespace LlmCacheProxy.Proxy;

/// <summary>Proxy log events, ids 1000-1099. Never a prompt, completion, credential or full key.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1000, LogLevel.Information, "Request body over {Limit} bytes rejected with 413")]
    public static partial void RequestTooLarge(ILogger logger, long limit);

    [LoggerMessage(1001, LogLevel.Warning, "Cache observer {Observer} failed")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);

    [LoggerMessage(1002, LogLevel.Debug, "Answer for {CacheId} not stored: it cannot be served to the other kind of client (JSON / stream)")]
    public static partial void NotReplayable(ILogger logger, string cacheId);

    [LoggerMessage(1003, LogLevel.Warning, "Stored entry {CacheId} could not be rendered for this client: deleted, answered as a miss")]
    public static partial void EntryUnservable(ILogger logger, string cacheId);

    [LoggerMessage(1004, LogLevel.Information, "Waited {Seconds} s for the identical request in flight for {CacheId}; going upstream alone (Cache:CoalesceWaitSeconds)")]
    public static partial void CoalesceWaitTimedOut(ILogger logger, string cacheId, double seconds);

    [LoggerMessage(1005, LogLevel.Warning, "The partition secret could not be kept beside the SQLite file ({Error}: {Message}): using one for this run only (set Cache:PartitionSecret to keep partitions across restarts)")]
    public static partial void PartitionSecretNotKept(ILogger logger, string error, string message);

    [LoggerMessage(1006, LogLevel.Information, "Request to {Endpoint} forwarded without the cache (BYPASS): {Reason}")]
    public static partial void Bypassed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(1050, LogLevel.Information, "Request with malformed cache controls rejected with 400")]
    public static partial void CacheControlRejected(ILogger logger);

    [LoggerMessage(1052, LogLevel.Information, "Request with {Control}, which its client key was not granted, refused with 403")]
    public static partial void CacheControlForbidden(ILogger logger, string control);

    [LoggerMessage(1051, LogLevel.Information, "Request without a valid proxy client key rejected with 401")]
    public static partial void ClientKeyRejected(ILogger logger);
}
