namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// One unit of a question. <see cref="Text"/> is canonical: lower case for words and identifiers,
/// "5 km" for numbers, "2024-05-01" for dates, the literal content for quoted strings.
/// <see cref="IsName"/>: a word written with a capital where a sentence does not start.
/// </summary>
internal readonly record struct FactToken(FactTokenKind Kind, string Text, bool IsName = false)
{
    public bool IsBoundary => Kind is FactTokenKind.ClauseEnd or FactTokenKind.SentenceEnd;
}
