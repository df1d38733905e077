namespace LlmCacheProxy.Storage;

/// <summary>
/// Settings under <c>Cache:Sqlite</c>. The database always exists (it also holds usage, invalidations and the S3
/// outbox); <see cref="Enabled"/> only says whether cached answers are kept in it (the SQLite tier).
/// </summary>
internal sealed class SqliteOptions
{
    public bool Enabled { get; set; } = true;
    public string Path { get; set; } = "data/llm-cache.db";
    /// <summary>
    /// Upper bound of the database's pages in use (entries, indexes, usage, outbox); least recently hit entries go
    /// first, then queued S3 uploads, then the oldest usage. 0 = unbounded.
    /// </summary>
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;
    /// <summary>Most writes the background writer commits in one transaction.</summary>
    public int WriteBatchSize { get; set; } = 256;
}
