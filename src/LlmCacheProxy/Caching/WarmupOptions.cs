namespace LlmCacheProxy.Caching;

/// <summary>
/// <c>Cache:Warmup</c>: at start, the memory tier is filled in the background with the most recently used live
/// entries from SQLite, up to both bounds (and never past the memory tier's own <c>MaxBytes</c>).
/// </summary>
internal sealed class WarmupOptions
{
    public bool Enabled { get; set; } = true;
    public int MaxEntries { get; set; } = 10_000;
    /// <summary>Counted in the memory tier's unit (an entry's estimated footprint).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
}
