namespace LlmCacheProxy.Caching;

internal enum CacheWriteKind
{
    /// <summary>A fresh upstream answer: every tier stores it, durable tiers pass it on (S3 outbox).</summary>
    Store,

    /// <summary>A copy of an entry found in a lower tier.</summary>
    Promote,
}
