using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.Caching.S3;

/// <summary>S3 log events, ids 1200-1299. Keys are logged as a 12-character prefix at most.</summary>
internal static partial class S3Log
{
    [LoggerMessage(1200, LogLevel.Information, "S3 tier enabled: bucket {Bucket}, prefix '{Prefix}', endpoint {Endpoint}")]
    public static partial void Enabled(ILogger logger, string bucket, string prefix, string endpoint);

    [LoggerMessage(1201, LogLevel.Warning, "S3 lookup of {KeyPrefix} failed ({Reason}); treated as a miss")]
    public static partial void LookupFailed(ILogger logger, string keyPrefix, string reason);

    [LoggerMessage(1202, LogLevel.Warning, "S3 object for {KeyPrefix} is corrupt or belongs to another key ({Object}); treated as a miss")]
    public static partial void CorruptObject(ILogger logger, string keyPrefix, string @object);

    [LoggerMessage(1203, LogLevel.Warning, "S3 upload of {KeyPrefix} failed (attempt {Attempt}); kept in the outbox")]
    public static partial void UploadFailed(ILogger logger, string keyPrefix, int attempt, Exception exception);

    [LoggerMessage(1204, LogLevel.Error, "S3 outbox row {Id} does not hold a readable entry; dropped")]
    public static partial void OutboxRowCorrupt(ILogger logger, long id);

    [LoggerMessage(1205, LogLevel.Information, "S3 outbox: {Count} entries pending at start")]
    public static partial void OutboxPending(ILogger logger, long count);

    [LoggerMessage(1206, LogLevel.Warning, "S3 invalidation sync failed ({Reason}); retrying at the next poll")]
    public static partial void InvalidationSyncFailed(ILogger logger, string reason);

    [LoggerMessage(1207, LogLevel.Information, "S3 invalidations: merged {Count} newer epochs from the bucket")]
    public static partial void InvalidationsMerged(ILogger logger, int count);

    [LoggerMessage(1208, LogLevel.Information, "S3 invalidations: a concurrent writer changed the document; re-reading")]
    public static partial void InvalidationsConflict(ILogger logger);

    [LoggerMessage(1209, LogLevel.Warning, "S3 background task {Task} failed; retrying at the next interval")]
    public static partial void BackgroundFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(1210, LogLevel.Information, "S3 sweeper deleted {Count} dead entries")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(1211, LogLevel.Information, "S3 manifest {Object} written with {Count} entries")]
    public static partial void ManifestWritten(ILogger logger, string @object, int count);

    [LoggerMessage(1212, LogLevel.Warning, "S3 entry object for {KeyPrefix} does not open ({Reason}); treated as a miss (left in the shared bucket: another instance may hold its key)")]
    public static partial void EntryUnreadable(ILogger logger, string keyPrefix, Codec.DecodeFailure reason);
}
