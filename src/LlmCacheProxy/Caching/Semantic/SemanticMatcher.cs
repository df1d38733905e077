namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// A semantic hit needs all of: the same scope, a cosine at or above the threshold, the same facts
/// (<see cref="FactCheck"/>) and a pair nobody reported as wrong. The best such neighbour is served.
/// </summary>
internal sealed class SemanticMatcher(SemanticIndex index, RejectedPairs rejected)
{
    public SemanticMatch Find(SemanticQuery query)
    {
        var neighbors = index.Search(query.Scope, query.Vector, query.Neighbors, query.IsLive);
        var candidates = new List<SemanticCandidate>(neighbors.Count);
        SemanticCandidate? hit = null;
        foreach (var (entry, score) in neighbors)
        {
            SemanticCandidate candidate;
            if (score < query.Threshold)
            {
                candidate = new(entry.Key, score, SemanticVerdict.BelowThreshold, FactMismatch.None);
            }
            else if (rejected.Contains(query.Key, entry.Key))
            {
                candidate = new(entry.Key, score, SemanticVerdict.Rejected, FactMismatch.None);
            }
            else if (FactCheck.Compare(query.Facts, entry.Facts) is var mismatch && mismatch != FactMismatch.None)
            {
                candidate = new(entry.Key, score, SemanticVerdict.FactsDiffer, mismatch);
            }
            else
            {
                candidate = new(entry.Key, score, hit is null ? SemanticVerdict.Hit : SemanticVerdict.Passed, FactMismatch.None);
                hit ??= candidate;
            }

            candidates.Add(candidate);
        }

        return new SemanticMatch(hit, candidates);
    }
}
