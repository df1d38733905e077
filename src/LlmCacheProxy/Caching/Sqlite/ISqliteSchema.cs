namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// A feature's tables. Every registered schema runs at open, so features (analytics, S3 outbox) own their DDL.
/// Statements must be idempotent (<c>CREATE ... IF NOT EXISTS</c>).
/// </summary>
internal interface ISqliteSchema
{
    string Ddl { get; }
}
