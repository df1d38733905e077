using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

/// <summary>A labeled pair with its cosine under the local model and the fact check's verdict.</summary>
internal sealed record ScoredPair(LabeledPair Pair, float Cosine, FactMismatch Mismatch)
{
    public bool Hits(float threshold, bool withCheck) => Cosine >= threshold && (!withCheck || Mismatch == FactMismatch.None);
}
