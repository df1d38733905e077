namespace LlmCacheProxy.Keys;

/// <summary>The cache key of one request plus the few request facts the proxy needs next to it.</summary>
/// <param name="Hash">Lowercase hex SHA-256 of <paramref name="CanonicalJson"/> (64 chars).</param>
/// <param name="Model">Model after trim, lowercase and alias mapping.</param>
/// <param name="CanonicalJson">The exact UTF-8 bytes that were hashed.</param>
/// <param name="Stream">The body asked for <c>"stream": true</c>.</param>
/// <param name="IncludeUsage">The body asked for <c>"stream_options": {"include_usage": true}</c>.</param>
/// <param name="Temperature">Effective temperature (rounded to 2 decimals; 1 when absent or null).</param>
internal sealed record CacheKey(
    string Hash,
    string Model,
    byte[] CanonicalJson,
    bool Stream,
    bool IncludeUsage,
    double Temperature)
{
    /// <summary>Readable id for object names and logs: <c>{model_slug}_{first 16 hex chars of Hash}</c>.</summary>
    public string CacheId => $"{ModelSlug.From(Model)}_{Hash[..16]}";
}
