namespace LlmCacheProxy.Caching.S3;

/// <summary>A GET's answer: the bytes and ETag, nothing (404: Body null), or NotModified for a matching ETag.</summary>
internal readonly record struct S3GetResult(byte[]? Body, string? ETag, bool NotModified);
