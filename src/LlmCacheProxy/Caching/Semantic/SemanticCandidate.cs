namespace LlmCacheProxy.Caching.Semantic;

/// <summary>One neighbour of a query, its similarity and the verdict; <see cref="Mismatch"/> says which facts differed.</summary>
internal sealed record SemanticCandidate(string Key, float Score, SemanticVerdict Verdict, FactMismatch Mismatch);
