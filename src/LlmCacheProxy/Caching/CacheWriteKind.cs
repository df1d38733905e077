namespace LlmCacheProxy.Caching;

internal enum CacheWriteKind
{
    /// <summary>A fresh upstream answer: every tier stores it, durable tiers pass it on (S3 outbox).</summary>
    Store,

    /// <summary>A copy of an entry found in a lower tier.</summary>
    Promote,

    /// <summary>
    /// An entry from an import: the durable tiers keep it and pass it on (SQLite row, S3 outbox); memory does not, so a
    /// large import through a running proxy cannot evict the hot set.
    /// </summary>
    Import,
}
