namespace LlmCacheProxy.Caching.Semantic;

/// <summary>The words on each side of a comparison or direction cue ("A vs B", "from A to B"), sorted.</summary>
internal sealed record FactSides(string[] Left, string[] Right);
