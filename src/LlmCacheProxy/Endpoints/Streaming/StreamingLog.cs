namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>Streaming log events, ids 1600-1699. Never a prompt, completion, credential or full key.</summary>
internal static partial class StreamingLog
{
    [LoggerMessage(1600, LogLevel.Debug, "Stream for {CacheId} not stored (done: {Done}, error event: {Error}, over Cache:MaxEntryBytes: {Overflowed})")]
    public static partial void StreamNotStored(ILogger logger, string cacheId, bool done, bool error, bool overflowed);
}
