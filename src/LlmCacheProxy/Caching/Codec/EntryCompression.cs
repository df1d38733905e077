namespace LlmCacheProxy.Caching.Codec;

/// <summary>The values of <c>Cache:Compression</c>, <c>Cache:Sqlite:Compression</c> and <c>Cache:S3:Compression</c>.</summary>
internal static class EntryCompression
{
    public const string None = "none";
    public const string Zstd = "zstd";

    public static bool IsValid(string? value) =>
        string.Equals(value, None, StringComparison.OrdinalIgnoreCase) || string.Equals(value, Zstd, StringComparison.OrdinalIgnoreCase);

    public static bool IsZstd(string? value) => string.Equals(value, Zstd, StringComparison.OrdinalIgnoreCase);
}
