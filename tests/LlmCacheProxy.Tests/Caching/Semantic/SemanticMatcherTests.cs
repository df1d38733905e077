using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class SemanticMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly SemanticIndex _index = new(1 << 20);
    private readonly RejectedPairs _rejected = new(100);

    private SemanticMatch Find(string question, float[] vector, float threshold = 0.9f) =>
        new SemanticMatcher(_index, _rejected).Find(new SemanticQuery("scope", "query-key", vector, QuestionFacts.Extract(question), threshold));

    [Fact]
    public void CloseVectorAndSameFacts_IsAHit()
    {
        _index.Add("scope", "stored", [1, 0], T0, QuestionFacts.Extract("How do I reverse a list in Python?"));

        var match = Find("What's the way to reverse a Python list?", [0.99f, 0.05f]);

        Assert.Equal("stored", match.Hit?.Key);
        Assert.Equal(SemanticVerdict.Hit, match.Candidates[0].Verdict);
    }

    [Fact]
    public void CloseVectorButOtherFacts_IsRefusedWithTheReason()
    {
        _index.Add("scope", "stored", [1, 0], T0, QuestionFacts.Extract("Set max_tokens to 500"));

        var match = Find("Set max_tokens to 5000", [1, 0]);

        Assert.Null(match.Hit);
        Assert.Equal(SemanticVerdict.FactsDiffer, match.Candidates[0].Verdict);
        Assert.Equal(FactMismatch.Numbers, match.Candidates[0].Mismatch);
    }

    [Fact]
    public void BelowThreshold_IsAMiss_ButListedForExplain()
    {
        _index.Add("scope", "stored", [1, 0], T0, QuestionFacts.Extract("How do I sort a list?"));

        var match = Find("How do I sort a list?", [0.6f, 0.8f]);

        Assert.Null(match.Hit);
        Assert.Equal(SemanticVerdict.BelowThreshold, Assert.Single(match.Candidates).Verdict);
    }

    [Fact]
    public void RejectedPair_NeverMatchesAgain()
    {
        _index.Add("scope", "stored", [1, 0], T0, QuestionFacts.Extract("How do I sort a list?"));
        _rejected.Add("stored", "query-key");

        var match = Find("How do I sort a list?", [1, 0]);

        Assert.Null(match.Hit);
        Assert.Equal(SemanticVerdict.Rejected, match.Candidates[0].Verdict);
    }

    [Fact]
    public void RefusedNearest_FallsBackToTheNextNeighbourThatPasses()
    {
        _index.Add("scope", "numbers-differ", [1, 0], T0, QuestionFacts.Extract("Retry the request 3 times"));
        _index.Add("scope", "same-facts", [0.98f, 0.2f], T0, QuestionFacts.Extract("Retry the request 5 times"));

        var match = Find("How do I retry a request 5 times?", [1, 0]);

        Assert.Equal("same-facts", match.Hit?.Key);
        Assert.Equal([SemanticVerdict.FactsDiffer, SemanticVerdict.Hit], match.Candidates.Select(c => c.Verdict));
    }
}
