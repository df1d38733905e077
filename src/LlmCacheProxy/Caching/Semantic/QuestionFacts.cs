namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// What a question states, as <see cref="FactCheck"/> compares it. Every array is sorted ordinally;
/// Numbers, Dates and Quoted are multisets, the others sets. Built once per question (at store time
/// for the cached one) by <see cref="Extract"/>; holds canonical words, never the question text.
/// </summary>
internal sealed record QuestionFacts
{
    public static readonly QuestionFacts Empty = Extract("");

    public required string[] Numbers { get; init; }
    public required string[] Dates { get; init; }
    public required string[] Quoted { get; init; }
    public required string[] Urls { get; init; }
    /// <summary>Code identifiers, lower case: each must also appear in the other question's <see cref="Words"/>.</summary>
    public required string[] Identifiers { get; init; }
    /// <summary>Capitalized words that do not start a sentence, and acronyms; lower case.</summary>
    public required string[] Names { get; init; }
    /// <summary>Every word and identifier, lower case: where the other question's names and identifiers are looked up.</summary>
    public required string[] Words { get; init; }
    public required bool Negated { get; init; }
    /// <summary>Stems that appear only in negated clauses / only in affirmed ones.</summary>
    public required string[] NegatedOnly { get; init; }
    public required string[] AffirmedOnly { get; init; }
    public required FactSides[] Comparisons { get; init; }
    /// <summary>Salient keys (stems, "#5 km", "@2024") in order of first appearance; not sorted.</summary>
    public required string[] Sequence { get; init; }
    /// <summary>Opposite-pole groups used: (group index &lt;&lt; 2) | pole bits (1, 2 or both), sorted.</summary>
    public required int[] Poles { get; init; }
    /// <summary>Tasks named (<see cref="FactTasks"/> indices), sorted.</summary>
    public required int[] Tasks { get; init; }

    public static QuestionFacts Extract(string question) => FactExtractor.Extract(question);

    /// <summary>Rough heap footprint, for the semantic index's byte budget.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 200 + (Poles.Length + Tasks.Length) * 4;
            foreach (var set in (ReadOnlySpan<string[]>)[Numbers, Dates, Quoted, Urls, Identifiers, Names, Words, NegatedOnly, AffirmedOnly, Sequence])
            {
                bytes += Size(set);
            }

            foreach (var sides in Comparisons)
            {
                bytes += 48 + Size(sides.Left) + Size(sides.Right);
            }

            return bytes;
        }
    }

    private static long Size(string[] set)
    {
        long bytes = 24 + set.Length * 8;
        foreach (var s in set)
        {
            bytes += 22 + s.Length * 2;
        }

        return bytes;
    }
}
