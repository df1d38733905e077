namespace LlmCacheProxy.Proxy;

/// <summary>Proxy log events, ids 1000-1099. Never a prompt, completion, credential or full key.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1000, LogLevel.Information, "Request body over {Limit} bytes rejected with 413")]
    public static partial void RequestTooLarge(ILogger logger, long limit);

    [LoggerMessage(1001, LogLevel.Warning, "Cache observer {Observer} failed")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);

    [LoggerMessage(1002, LogLevel.Information, "Request to {Endpoint} forwarded without the cache (BYPASS): {Reason}")]
    public static partial void Bypassed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(1050, LogLevel.Information, "Request with malformed cache controls rejected with 400")]
    public static partial void CacheControlRejected(ILogger logger);

    [LoggerMessage(1051, LogLevel.Information, "Request without a valid proxy client key rejected with 401")]
    public static partial void ClientKeyRejected(ILogger logger);
}
