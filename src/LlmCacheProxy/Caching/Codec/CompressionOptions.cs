namespace LlmCacheProxy.Caching.Codec;

/// <summary>
/// How entry bodies are compressed in SQLite and S3 (the memory tier keeps objects). Bound from the <c>Cache</c>
/// section: <c>Cache:Compression</c> for both, <c>Cache:Sqlite:Compression</c> and <c>Cache:S3:Compression</c> override it
/// for one tier. Validated by <see cref="CompressionOptionsValidator"/>.
/// </summary>
internal sealed class CompressionOptions
{
    public const string SectionName = "Cache";

    /// <summary><c>none</c> or <c>zstd</c>.</summary>
    public string Compression { get; set; } = EntryCompression.Zstd;

    public TierCompressionOptions Sqlite { get; set; } = new();

    public TierCompressionOptions S3 { get; set; } = new();

    public bool SqliteZstd => EntryCompression.IsZstd(Sqlite.Compression ?? Compression);

    public bool S3Zstd => EntryCompression.IsZstd(S3.Compression ?? Compression);
}
