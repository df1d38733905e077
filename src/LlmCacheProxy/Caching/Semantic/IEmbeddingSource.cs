namespace LlmCacheProxy.Caching.Semantic;

/// <summary>Turns the final user message into a vector for the semantic index.</summary>
internal interface IEmbeddingSource
{
    /// <summary>
    /// Names the model behind the vectors ("local:all-MiniLM-L6-v2", "upstream:text-embedding-3-small"):
    /// vectors of different models must never be compared, so persisted vectors carry it.
    /// </summary>
    string Model { get; }

    ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken);
}
