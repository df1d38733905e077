using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class RejectedPairsTests
{
    [Fact]
    public void Pair_IsFoundInEitherOrder()
    {
        var pairs = new RejectedPairs(10);
        pairs.Add("key-a", "key-b");

        Assert.True(pairs.Contains("key-b", "key-a"));
        Assert.False(pairs.Contains("key-a", "key-c"));
    }

    [Fact]
    public void Add_Twice_CountsOnce()
    {
        var pairs = new RejectedPairs(10);

        Assert.True(pairs.Add("a", "b"));
        Assert.False(pairs.Add("b", "a"));
        Assert.Equal(1, pairs.Count);
    }

    [Fact]
    public void OverTheBound_ForgetsTheOldestReport()
    {
        var pairs = new RejectedPairs(2);
        pairs.Add("a", "b");
        pairs.Add("c", "d");
        pairs.Add("e", "f");

        Assert.False(pairs.Contains("a", "b"));
        Assert.True(pairs.Contains("e", "f"));
        Assert.Equal([("c", "d"), ("e", "f")], pairs.Snapshot());
    }
}
