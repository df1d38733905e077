namespace LlmCacheProxy.Caching.Semantic;

/// <summary>What the index keeps beside a vector: the cache entry's key, its age and the question's facts.</summary>
internal readonly record struct SemanticEntry(string Key, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, QuestionFacts Facts);
