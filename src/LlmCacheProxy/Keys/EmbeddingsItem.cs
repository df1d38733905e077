namespace LlmCacheProxy.Keys;

/// <summary>One embeddings input item: its own cache key, and its JSON as the client sent it.</summary>
/// <param name="Key">The item's key (<see cref="CacheKey.Stream"/> and <see cref="CacheKey.IncludeUsage"/> false, temperature 0).</param>
/// <param name="RawJson">The item's bytes from the body (a string token or a token array), to send upstream on a miss.</param>
internal sealed record EmbeddingsItem(CacheKey Key, byte[] RawJson);
