namespace LlmCacheProxy.Caching.Codec;

/// <summary>A tier's own <c>Compression</c> (<c>Cache:Sqlite:Compression</c>, <c>Cache:S3:Compression</c>); null follows <c>Cache:Compression</c>.</summary>
internal sealed class TierCompressionOptions
{
    public string? Compression { get; set; }
}
