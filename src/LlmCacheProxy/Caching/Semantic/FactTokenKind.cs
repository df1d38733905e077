namespace LlmCacheProxy.Caching.Semantic;

internal enum FactTokenKind
{
    Word,
    Identifier,
    Number,
    Date,
    Quoted,
    Url,
    /// <summary>An arithmetic or arrow symbol between two operands: - / ^ -> ...</summary>
    Operator,
    /// <summary>, ; : and the like: a clause ends, the sentence goes on.</summary>
    ClauseEnd,
    /// <summary>. ? ! or a line break.</summary>
    SentenceEnd,
}
