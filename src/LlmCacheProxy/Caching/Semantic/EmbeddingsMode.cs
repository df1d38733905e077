namespace LlmCacheProxy.Caching.Semantic;

internal enum EmbeddingsMode
{
    /// <summary>The upstream's /v1/embeddings with the caller's credentials (itself cached).</summary>
    Upstream,
    /// <summary>The optional in-process model; no network.</summary>
    Local,
}
