namespace LlmCacheProxy.Caching.Semantic;

/// <summary>What the matcher decided about one neighbour (explain shows it).</summary>
internal enum SemanticVerdict
{
    Hit,
    /// <summary>A better neighbour was served already; this one would have passed too.</summary>
    Passed,
    BelowThreshold,
    FactsDiffer,
    /// <summary>The pair was reported as a wrong hit.</summary>
    Rejected,
}
