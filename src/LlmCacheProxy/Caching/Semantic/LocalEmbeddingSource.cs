namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// The in-process model (all-MiniLM-L6-v2 on ONNX Runtime, CPU, no network), reached through the
/// delegate <see cref="LocalEmbeddingsLoader"/> bound by reflection. Embedding is CPU work of a few
/// milliseconds, so it runs on the caller's thread.
/// </summary>
internal sealed class LocalEmbeddingSource(Func<string[], float[][]> embed, TimeSpan loadTime) : IEmbeddingSource
{
    public string Model => "local:all-MiniLM-L6-v2";

    /// <summary>How long loading the assembly and the model took (for the start-up log).</summary>
    public TimeSpan LoadTime { get; } = loadTime;

    public ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(embed([text])[0]);
    }

    /// <summary>Several texts in one model run (the evaluation and a rebuild use it).</summary>
    public float[][] EmbedBatch(string[] texts) => embed(texts);
}
