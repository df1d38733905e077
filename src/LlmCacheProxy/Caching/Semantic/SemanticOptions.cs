namespace LlmCacheProxy.Caching.Semantic;

/// <summary>Settings under <c>Cache:Semantic</c>. Validated at start-up by <see cref="SemanticOptionsValidator"/>.</summary>
internal sealed class SemanticOptions
{
    public const string SectionName = "Cache:Semantic";

    /// <summary>
    /// Default similarity threshold, measured on the labeled set with the local model: the lowest value
    /// at which the fact check leaves no false hit there (see docs/semantic/evaluation.md).
    /// </summary>
    public const float DefaultThreshold = 0.88f;

    /// <summary>Off by default: a semantic hit answers a question that was not asked word for word.</summary>
    public bool Enabled { get; set; }
    public EmbeddingsMode Embeddings { get; set; } = EmbeddingsMode.Upstream;
    /// <summary>Embedding model asked of the upstream in <see cref="EmbeddingsMode.Upstream"/> mode.</summary>
    public string UpstreamModel { get; set; } = "text-embedding-3-small";
    /// <summary>Folder of the published local model; relative = beside the proxy's own files.</summary>
    public string LocalEmbeddingsPath { get; set; } = "local-embeddings";
    /// <summary>Cosine at or above which a neighbour may be served (then the fact check decides). A request may only raise it.</summary>
    public float Threshold { get; set; } = DefaultThreshold;
    /// <summary>Nearest neighbours looked at per lookup (explain lists them).</summary>
    public int Neighbors { get; set; } = 5;
    /// <summary>Memory budget of the in-memory index; the oldest vectors go first.</summary>
    public long MaxIndexBytes { get; set; } = 256L * 1024 * 1024;
    /// <summary>Reported wrong pairs remembered; the oldest report is forgotten past it.</summary>
    public int MaxRejectedPairs { get; set; } = 100_000;
    /// <summary>Answers with tool calls are served semantically only when true (their arguments come from the question's words).</summary>
    public bool ServeToolCalls { get; set; }
}
