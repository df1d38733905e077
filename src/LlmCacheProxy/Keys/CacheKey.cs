using System.Security.Cryptography;

namespace LlmCacheProxy.Keys;

/// <summary>The cache key of one request plus the few request facts the proxy needs next to it.</summary>
/// <param name="Hash">Lowercase hex SHA-256 of <paramref name="CanonicalJson"/> (64 chars).</param>
/// <param name="Model">Model after trim, lowercase and alias mapping.</param>
/// <param name="CanonicalJson">The exact UTF-8 bytes that were hashed.</param>
/// <param name="Stream">The body asked for <c>"stream": true</c>.</param>
/// <param name="IncludeUsage">The body asked for <c>"stream_options": {"include_usage": true}</c>.</param>
/// <param name="Temperature">
/// Effective temperature as keyed (rounded to 2 decimals while <c>temperature</c> is a rounded param; 1 when
/// absent or null; 0 for embeddings, which do not sample).
/// </param>
/// <param name="Endpoint">The key's <see cref="KeyEndpoint"/> name.</param>
internal sealed record CacheKey(
    string Hash,
    string Model,
    byte[] CanonicalJson,
    bool Stream,
    bool IncludeUsage,
    double Temperature,
    string Endpoint)
{
    /// <summary>Readable id for object names and logs: <c>{model_slug}_{first 16 hex chars of Hash}</c>.</summary>
    public string CacheId => $"{ModelSlug.From(Model)}_{Hash[..16]}";

    /// <summary>Hashes <paramref name="canonical"/> and copies it into the key.</summary>
    public static CacheKey Create(
        ReadOnlySpan<byte> canonical, string endpoint, string model, bool stream, bool includeUsage, double temperature)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical, hash);
        return new CacheKey(
            Convert.ToHexStringLower(hash), model, canonical.ToArray(), stream, includeUsage, temperature, endpoint);
    }
}
