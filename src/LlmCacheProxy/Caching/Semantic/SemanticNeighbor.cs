namespace LlmCacheProxy.Caching.Semantic;

/// <summary>A stored question near the query: its entry and the cosine similarity (dot product of unit vectors).</summary>
internal readonly record struct SemanticNeighbor(SemanticEntry Entry, float Score);
