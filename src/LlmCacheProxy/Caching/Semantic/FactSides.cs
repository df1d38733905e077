namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// One comparison or direction in a question: its cue family ("than", "or", "vs", "to", "div", ...)
/// and the salient words only on its left / only on its right (a word on both sides says nothing
/// about order), sorted.
/// </summary>
internal sealed record FactSides(string Cue, string[] Left, string[] Right);
