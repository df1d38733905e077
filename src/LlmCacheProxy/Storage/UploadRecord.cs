namespace LlmCacheProxy.Storage;

/// <summary>An entry object this instance uploaded, remembered for the day's manifest.</summary>
internal sealed record UploadRecord(string ObjectKey, string Day, string CacheId, string Model, long Size, DateTimeOffset CreatedAt);
