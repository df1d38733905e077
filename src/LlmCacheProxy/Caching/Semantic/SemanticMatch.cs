namespace LlmCacheProxy.Caching.Semantic;

/// <summary>The entry to serve (null = miss) and every neighbour considered, best first.</summary>
internal sealed record SemanticMatch(SemanticCandidate? Hit, IReadOnlyList<SemanticCandidate> Candidates);
