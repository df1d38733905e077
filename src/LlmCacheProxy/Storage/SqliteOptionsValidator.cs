namespace LlmCacheProxy.Storage;

/// <summary>The rules for <c>Cache:Sqlite</c>; the cache options' validator reports them with its own, all at once.</summary>
internal static class SqliteOptionsValidator
{
    public static IEnumerable<string> Errors(SqliteOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            yield return "Cache:Sqlite:Path must name a file (the database also holds usage, invalidations and the S3 outbox).";
        }

        if (options.MaxBytes < 0)
        {
            yield return "Cache:Sqlite:MaxBytes must be 0 (unbounded) or positive.";
        }

        if (options.WriteBatchSize is < 1 or > 10_000)
        {
            yield return "Cache:Sqlite:WriteBatchSize must be between 1 and 10000.";
        }
    }
}
