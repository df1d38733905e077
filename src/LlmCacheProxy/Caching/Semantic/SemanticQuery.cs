namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// A semantic lookup: the request's scope and exact key, the final user message's vector and facts,
/// the threshold in force (the configured one, or tighter if the request asked) and how many
/// neighbours to consider. <see cref="IsLive"/> filters invalidated or expired entries.
/// </summary>
internal sealed record SemanticQuery(
    string Scope,
    string Key,
    float[] Vector,
    QuestionFacts Facts,
    float Threshold,
    int Neighbors = 5,
    Func<SemanticEntry, bool>? IsLive = null);
