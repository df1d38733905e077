namespace LlmCacheProxy.Caching.S3;

/// <summary>A conditional PUT lost a race (HTTP 412): somebody else wrote the object since we read it.</summary>
internal sealed class S3PreconditionFailedException(string key, Exception inner)
    : Exception($"Conditional write of {key} failed: the object changed since it was read.", inner);
